"""Names, phones, e-mails and addresses of the demo patients, in several scripts.

Each culture has given names per sex, family names (with the feminine form where the
language has one), and for Russian and Ukrainian a patronymic pair. Phones use each
country's format; e-mail addresses live on the reserved example domains.
"""

from __future__ import annotations

import random
from dataclasses import dataclass

from cryolog.domain.text import fold


@dataclass(frozen=True, slots=True)
class Culture:
    id: str
    male: tuple[str, ...]
    female: tuple[str, ...]
    family: tuple[tuple[str, str], ...]  # (masculine, feminine)
    patronymics: tuple[tuple[str, str], ...]  # (masculine, feminine); empty: none
    phone: str  # '#' = a random digit
    cities: tuple[str, ...]
    streets: tuple[str, ...]
    language: str  # handout language


def _same(*names: str) -> tuple[tuple[str, str], ...]:
    return tuple((n, n) for n in names)


def _pairs(*names: str) -> tuple[tuple[str, str], ...]:
    return tuple((m, f) for m, f in (n.split("/") for n in names))


CULTURES: dict[str, Culture] = {
    c.id: c
    for c in (
        Culture(
            "ru",
            ("Иван", "Сергей", "Алексей", "Дмитрий", "Михаил", "Андрей", "Пётр", "Артём", "Юрий"),
            ("Анна", "Мария", "Елена", "Ольга", "Наталья", "Татьяна", "Алёна", "Дарья", "Юлия"),
            _pairs(
                "Иванов/Иванова",
                "Смирнов/Смирнова",
                "Кузнецов/Кузнецова",
                "Соколов/Соколова",
                "Лебедев/Лебедева",
                "Морозов/Морозова",
                "Соловьёв/Соловьёва",
                "Ёлкин/Ёлкина",
                "Островский/Островская",
                "Жуков/Жукова",
                "Волков/Волкова",
                "Новиков/Новикова",
            ),
            _pairs(
                "Иванович/Ивановна",
                "Сергеевич/Сергеевна",
                "Николаевич/Николаевна",
                "Андреевич/Андреевна",
                "Михайлович/Михайловна",
                "Петрович/Петровна",
                "Владимирович/Владимировна",
                "Юрьевич/Юрьевна",
                "Ильич/Ильинична",
            ),
            "+7 9## ###-##-##",
            ("Москва", "Санкт-Петербург", "Казань", "Новосибирск", "Екатеринбург"),
            ("ул. Ленина", "ул. Садовая", "пр. Мира", "ул. Пушкина", "наб. Фонтанки"),
            "ru",
        ),
        Culture(
            "uk",
            ("Олександр", "Андрій", "Тарас", "Богдан", "Микола", "Дмитро", "Василь", "Юрій"),
            ("Ганна", "Оксана", "Олена", "Наталія", "Ірина", "Тетяна", "Софія", "Людмила"),
            _same(
                "Шевченко",
                "Коваленко",
                "Бондаренко",
                "Ткаченко",
                "Кравченко",
                "Олійник",
                "Мельник",
                "Бойко",
                "Ковальчук",
                "Литвиненко",
                "Гончаренко",
                "Яковенко",
            )
            + _pairs("Ковальський/Ковальська", "Білецький/Білецька"),
            _pairs(
                "Олександрович/Олександрівна",
                "Іванович/Іванівна",
                "Миколайович/Миколаївна",
                "Петрович/Петрівна",
                "Васильович/Василівна",
                "Андрійович/Андріївна",
                "Сергійович/Сергіївна",
                "Богданович/Богданівна",
                "Тарасович/Тарасівна",
            ),
            "+380 ## ### ## ##",
            ("Київ", "Львів", "Харків", "Одеса", "Дніпро"),
            ("вул. Хрещатик", "вул. Шевченка", "вул. Франка", "просп. Свободи"),
            "ru",
        ),
        Culture(
            "el",
            ("Γιώργος", "Δημήτρης", "Νίκος", "Κώστας", "Γιάννης", "Αλέξανδρος", "Παναγιώτης"),
            ("Μαρία", "Ελένη", "Κατερίνα", "Σοφία", "Αγγελική", "Δέσποινα", "Χριστίνα"),
            _pairs(
                "Παπαδόπουλος/Παπαδοπούλου",
                "Παπαδάκης/Παπαδάκη",
                "Καραγιάννης/Καραγιάννη",
                "Μαυρίδης/Μαυρίδου",
                "Αντωνίου/Αντωνίου",
            )
            + _same("Γεωργίου", "Οικονόμου", "Νικολάου", "Βασιλείου", "Αθανασίου"),
            (),
            "+30 69# ### ####",
            ("Αθήνα", "Θεσσαλονίκη", "Πάτρα", "Ηράκλειο"),
            ("Οδός Ερμού", "Λεωφόρος Αλεξάνδρας", "Οδός Αριστοτέλους"),
            "en",
        ),
        Culture(
            "fr",
            ("Jean-Pierre", "François", "Sébastien", "Jérôme", "André", "Benoît", "Loïc", "Gaëtan"),
            ("Hélène", "Zoé", "Élodie", "Chloé", "Anaïs", "Marie-Claire", "Cécile", "Noémie"),
            _same(
                "Lefèvre",
                "Girard",
                "Dupré",
                "Bénard",
                "Mercier",
                "Lemaître",
                "Rousseau",
                "Duchêne",
                "d'Aubigné",
                "Lévêque",
                "Chevalier",
                "Boucher",
            ),
            (),
            "+33 6 39 98 ## ##",
            ("Lyon", "Grenoble", "Besançon", "Nîmes", "Orléans"),
            ("rue des Lilas", "avenue Jean-Jaurès", "boulevard de la République", "rue Pasteur"),
            "en",
        ),
        Culture(
            "de",
            ("Jürgen", "Günther", "Jörg", "Matthias", "Lukas", "Maximilian", "Klaus", "Uwe"),
            ("Käthe", "Anneliese", "Bärbel", "Sophie", "Lena", "Jutta", "Ursula", "Hannelore"),
            _same(
                "Müller",
                "Schäfer",
                "Schröder",
                "Weiß",
                "Köhler",
                "Hoffmann",
                "Fuchs",
                "Krüger",
                "Meyer-Lüdenscheid",
                "Böhm",
                "Großmann",
                "Schmidt",
            ),
            (),
            "+49 15# ########",
            ("München", "Köln", "Düsseldorf", "Nürnberg", "Lübeck"),
            ("Hauptstraße", "Schillerstraße", "Gartenweg", "Königsallee", "Bahnhofstraße"),
            "en",
        ),
        Culture(
            "es",
            ("José", "Jesús", "Álvaro", "Andrés", "Joaquín", "Raúl", "Iñaki", "Rubén"),
            ("María José", "Lucía", "Inés", "Begoña", "Sofía", "Mónica", "Ángela", "Núria"),
            _same(
                "García Peña",
                "Muñoz",
                "Núñez",
                "Ibáñez",
                "Martínez López",
                "Gómez",
                "Rodríguez",
                "Sánchez",
                "Fernández",
                "Jiménez Ortiz",
                "Pérez",
                "Castaño",
            ),
            (),
            "+34 6## ### ###",
            ("Málaga", "Córdoba", "Valencia", "León", "Cádiz"),
            ("Calle Mayor", "Avenida de la Constitución", "Calle del Carmen", "Plaza España"),
            "en",
        ),
        Culture(
            "pl",
            ("Łukasz", "Paweł", "Wojciech", "Grzegorz", "Michał", "Krzysztof", "Jędrzej"),
            ("Małgorzata", "Żaneta", "Agnieszka", "Katarzyna", "Joanna", "Zofia", "Ewa"),
            _pairs(
                "Kowalski/Kowalska",
                "Wiśniewski/Wiśniewska",
                "Dąbrowski/Dąbrowska",
                "Zieliński/Zielińska",
                "Szymański/Szymańska",
                "Kozłowski/Kozłowska",
            )
            + _same("Wójcik", "Woźniak", "Łukaszewicz", "Mazur", "Kaczmarek"),
            (),
            "+48 5## ### ###",
            ("Kraków", "Łódź", "Wrocław", "Gdańsk", "Poznań"),
            ("ul. Długa", "ul. Piękna", "ul. Żeromskiego", "al. Jerozolimskie"),
            "en",
        ),
        Culture(
            "cs",
            ("Jiří", "Tomáš", "Lukáš", "Ondřej", "Radek", "Vojtěch", "Petr"),
            ("Šárka", "Lucie", "Tereza", "Kateřina", "Zuzana", "Markéta", "Veronika"),
            _pairs(
                "Dvořák/Dvořáková",
                "Novák/Nováková",
                "Svoboda/Svobodová",
                "Procházka/Procházková",
                "Černý/Černá",
                "Kučera/Kučerová",
                "Veselý/Veselá",
                "Horák/Horáková",
                "Růžička/Růžičková",
            ),
            (),
            "+420 6## ### ###",
            ("Praha", "Brno", "Ostrava", "Plzeň", "České Budějovice"),
            ("Náměstí Míru", "Vinohradská", "Údolní", "Karlova"),
            "en",
        ),
        Culture(
            "nordic",
            ("Søren", "Bjørn", "Håkon", "Åke", "Jørgen", "Øystein", "Lars", "Mikael"),
            ("Åsa", "Ingrid", "Sigrid", "Kjersti", "Mette", "Solveig", "Märta", "Liv"),
            _same(
                "Ørsted",
                "Sørensen",
                "Nørgaard",
                "Håkansson",
                "Lindqvist",
                "Åberg",
                "Bjørklund",
                "Østergaard",
                "Strøm",
                "Andersen",
            ),
            (),
            "+45 ## ## ## ##",
            ("Aarhus", "Tromsø", "Göteborg", "Ålesund", "Odense"),
            ("Søndergade", "Storgata", "Kungsgatan", "Åboulevarden"),
            "en",
        ),
        Culture(
            "en",
            ("Liam", "Patrick", "Seán", "Oliver", "James", "Thomas", "Daniel", "Niall"),
            ("Siobhán", "Aoife", "Emily", "Charlotte", "Grace", "Mary-Kate", "Niamh", "Sarah"),
            _same(
                "O'Brien",
                "O'Connor",
                "McCarthy",
                "D'Arcy",
                "Smith",
                "Taylor",
                "Walsh",
                "Byrne",
                "Kelly",
                "Ashworth-Jones",
                "Evans",
                "Murphy",
            ),
            (),
            "+44 7700 900###",
            ("Leeds", "York", "Bristol", "Cork", "Galway"),
            ("High Street", "Station Road", "Church Lane", "Mill Road"),
            "en",
        ),
    )
}

# How often each culture occurs among the patients.
CULTURE_WEIGHTS: dict[str, int] = {
    "en": 16, "fr": 12, "de": 12, "ru": 14, "uk": 8, "es": 9, "pl": 8, "cs": 6, "nordic": 7,
    "el": 8,
}  # fmt: skip

ENGLISH_MIDDLE = ("Anne", "Marie", "John", "Louise", "Michael", "Rose", "Edward")

_TRANSLIT = str.maketrans(
    {
        **dict(zip("абвгдезийклмнопрстуфыэ", "abvgdeziiklmnoprstufye", strict=True)),
        "ж": "zh", "х": "kh", "ц": "ts", "ч": "ch", "ш": "sh", "щ": "shch", "ю": "yu",
        "я": "ya", "ь": "", "ъ": "", "і": "i", "є": "ie", "ґ": "g",
        **dict(zip("αβγδεζηικλμνξοπρσςτυφω", "avgdeziiklmnxoprsstyfo", strict=True)),
        "χ": "ch", "ψ": "ps", "θ": "th",
    }
)  # fmt: skip


def ascii_key(text: str) -> str:
    """A lower-case ASCII form of a name for an e-mail address ('Ёлкина' → 'elkina')."""
    folded = fold(text).translate(_TRANSLIT)
    return "".join(ch for ch in folded if "a" <= ch <= "z" or ch.isdigit())


def fill_digits(pattern: str, rng: random.Random) -> str:
    return "".join(str(rng.randrange(10)) if ch == "#" else ch for ch in pattern)


@dataclass(frozen=True, slots=True)
class PersonName:
    family: str
    given: str
    middle: str


def person_name(culture: Culture, female: bool, rng: random.Random) -> PersonName:
    family = rng.choice(culture.family)[1 if female else 0]
    given = rng.choice(culture.female if female else culture.male)
    middle = ""
    if culture.patronymics:
        middle = rng.choice(culture.patronymics)[1 if female else 0]
    elif culture.id == "en" and rng.random() < 0.3:
        middle = rng.choice(ENGLISH_MIDDLE)
    return PersonName(family, given, middle)


def email(name: PersonName, rng: random.Random) -> str:
    domain = rng.choice(("example.com", "example.org", "example.net"))
    local = f"{ascii_key(name.given)}.{ascii_key(name.family)}"
    if rng.random() < 0.5:
        local += str(rng.randrange(1, 99))
    return f"{local}@{domain}"


def address(culture: Culture, rng: random.Random) -> str:
    street = rng.choice(culture.streets)
    number = rng.randrange(1, 120)
    postcode = fill_digits("#####", rng)
    return f"{street} {number}\n{postcode} {rng.choice(culture.cities)}"
