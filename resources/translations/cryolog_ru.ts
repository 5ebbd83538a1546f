<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="ru_RU">
<context>
    <name>AdverseEventDialog</name>
    <message>
        <source>Record an adverse event</source>
        <translation>Записать нежелательное явление</translation>
    </message>
    <message>
        <source>Record event</source>
        <translation>Записать явление</translation>
    </message>
    <message>
        <source>Not linked to a session</source>
        <translation>Не связано с процедурой</translation>
    </message>
    <message>
        <source>The device malfunctioned</source>
        <translation>Неисправность аппарата</translation>
    </message>
    <message>
        <source>What was seen, what was done</source>
        <translation>Что наблюдалось, что сделано</translation>
    </message>
    <message>
        <source>Event</source>
        <translation>Явление</translation>
    </message>
    <message>
        <source>Severity</source>
        <translation>Тяжесть</translation>
    </message>
    <message>
        <source>Onset</source>
        <translation>Начало</translation>
    </message>
    <message>
        <source>not later than today</source>
        <translation>не позже сегодняшнего дня</translation>
    </message>
    <message>
        <source>Session</source>
        <translation>Процедура</translation>
    </message>
    <message>
        <source>Description</source>
        <translation>Описание</translation>
    </message>
</context>
<context>
    <name>AlertStrip</name>
    <message>
        <source>✓ Nothing on record blocks a {0} session.</source>
        <translation>✓ В карте нет ничего, что запрещает процедуру {0}.</translation>
    </message>
    <message>
        <source>Checked for a {0} session.</source>
        <translation>Проверено для процедуры {0}.</translation>
    </message>
</context>
<context>
    <name>AreasBox</name>
    <message>
        <source>Site</source>
        <translation>Место</translation>
    </message>
    <message>
        <source>Kind</source>
        <translation>Вид</translation>
    </message>
    <message>
        <source>Area (dm²)</source>
        <translation>Площадь (дм²)</translation>
    </message>
    <message>
        <source>Passes</source>
        <translation>Проходы</translation>
    </message>
    <message>
        <source>Seconds</source>
        <translation>Секунды</translation>
    </message>
    <message>
        <source>area</source>
        <translation>участок</translation>
    </message>
    <message>
        <source>spot</source>
        <translation>точка</translation>
    </message>
    <message>
        <source>patch</source>
        <translation>пятно</translation>
    </message>
    <message>
        <source>Treated areas</source>
        <translation>Обработанные зоны</translation>
    </message>
    <message>
        <source>Add area</source>
        <translation>Добавить участок</translation>
    </message>
    <message>
        <source>Remove area</source>
        <translation>Убрать участок</translation>
    </message>
</context>
<context>
    <name>AssessmentDialog</name>
    <message>
        <source>Record an outcome score</source>
        <translation>Записать оценку результата</translation>
    </message>
    <message>
        <source>Record score</source>
        <translation>Записать оценку</translation>
    </message>
    <message>
        <source>Not linked to a course</source>
        <translation>Не связано с курсом</translation>
    </message>
    <message>
        <source>Scale</source>
        <translation>Шкала</translation>
    </message>
    <message>
        <source>Assessed on</source>
        <translation>Дата оценки</translation>
    </message>
    <message>
        <source>not later than today</source>
        <translation>не позже сегодняшнего дня</translation>
    </message>
    <message>
        <source>Score</source>
        <translation>Оценка</translation>
    </message>
    <message>
        <source>Course</source>
        <translation>Курс</translation>
    </message>
    <message>
        <source>Notes</source>
        <translation>Заметки</translation>
    </message>
    <message>
        <source>allowed {0}</source>
        <translation>допустимо {0}</translation>
    </message>
</context>
<context>
    <name>BackupParts</name>
    <message>
        <source>&amp;Back up now</source>
        <translation>&amp;Создать резервную копию</translation>
    </message>
    <message>
        <source>Backup &amp;settings…</source>
        <translation>&amp;Настройки резервного копирования…</translation>
    </message>
    <message>
        <source>Read-only: no backups are made</source>
        <translation>Только чтение: резервные копии не создаются</translation>
    </message>
    <message>
        <source>Making a backup…</source>
        <translation>Создание резервной копии…</translation>
    </message>
    <message>
        <source>Backup made and checked: {0}</source>
        <translation>Резервная копия создана и проверена: {0}</translation>
    </message>
    <message>
        <source>No backup was made</source>
        <translation>Резервная копия не создана</translation>
    </message>
    <message>
        <source>Backing up</source>
        <translation>Резервное копирование</translation>
    </message>
    <message>
        <source>Making a checked backup of today&apos;s records before cryolog closes…</source>
        <translation>Создание проверенной резервной копии сегодняшних записей перед закрытием cryolog…</translation>
    </message>
    <message>
        <source>{0}

Your records are safe in the database; only the backup is missing.</source>
        <translation>{0}

Ваши записи в базе данных в сохранности; нет только резервной копии.</translation>
    </message>
</context>
<context>
    <name>BackupSettingsDialog</name>
    <message>
        <source>Backup settings</source>
        <translation>Резервное копирование</translation>
    </message>
    <message>
        <source>none (for example an external drive)</source>
        <translation>нет (например, внешний диск)</translation>
    </message>
    <message>
        <source>Browse…</source>
        <translation>Обзор…</translation>
    </message>
    <message>
        <source>Second backup folder</source>
        <translation>Вторая папка для копий</translation>
    </message>
    <message>
        <source>Keep daily backups</source>
        <translation>Хранить ежедневные копии</translation>
    </message>
    <message>
        <source>Keep weekly backups</source>
        <translation>Хранить еженедельные копии</translation>
    </message>
    <message>
        <source>Keep monthly backups</source>
        <translation>Хранить ежемесячные копии</translation>
    </message>
    <message>
        <source>Give the second folder&apos;s full path (or use Browse…).</source>
        <translation>Укажите полный путь ко второй папке (или нажмите «Обзор…»).</translation>
    </message>
    <message>
        <source>{0} cannot be reached now: connect the drive, or choose a folder.</source>
        <translation>{0} сейчас недоступна: подключите диск или выберите другую папку.</translation>
    </message>
    <message>
        <source>The second folder must be another place than the backups folder.</source>
        <translation>Вторая папка должна находиться в другом месте, чем папка резервных копий.</translation>
    </message>
</context>
<context>
    <name>BackupStatusLabel</name>
    <message>
        <source>Backups: …</source>
        <translation>Резервные копии: …</translation>
    </message>
    <message>
        <source>No backup yet</source>
        <translation>Резервных копий пока нет</translation>
    </message>
    <message numerus="yes">
        <source>No backup for %n day(s) — File › Back up now</source>
        <translation>
            <numerusform>Резервной копии нет уже %n день — Файл › Создать резервную копию</numerusform>
            <numerusform>Резервной копии нет уже %n дня — Файл › Создать резервную копию</numerusform>
            <numerusform>Резервной копии нет уже %n дней — Файл › Создать резервную копию</numerusform>
        </translation>
    </message>
    <message>
        <source>Last backup: {when}</source>
        <translation>Последняя резервная копия: {when}</translation>
    </message>
    <message>
        <source> — second folder unreachable</source>
        <translation> — вторая папка недоступна</translation>
    </message>
</context>
<context>
    <name>BookingDialog</name>
    <message>
        <source>Book the rest of the course</source>
        <translation>Записать на остаток курса</translation>
    </message>
    <message>
        <source> visits</source>
        <translation> визитов</translation>
    </message>
    <message>
        <source>Propose</source>
        <translation>Предложить</translation>
    </message>
    <message>
        <source>Book</source>
        <translation>Записать</translation>
    </message>
    <message>
        <source>When</source>
        <translation>Когда</translation>
    </message>
    <message>
        <source>Where</source>
        <translation>Где</translation>
    </message>
    <message>
        <source>Check</source>
        <translation>Проверить</translation>
    </message>
    <message>
        <source>Why book despite the warnings (kept with the visits)</source>
        <translation>Почему записать несмотря на предупреждения (сохраняется с визитами)</translation>
    </message>
    <message>
        <source>Proposing…</source>
        <translation>Подбор…</translation>
    </message>
    <message>
        <source>Book these visits</source>
        <translation>Записать на эти визиты</translation>
    </message>
    <message>
        <source>Preferred</source>
        <translation>Предпочтительно</translation>
    </message>
    <message>
        <source>How many</source>
        <translation>Сколько</translation>
    </message>
    <message>
        <source>This course has no set number of sessions: how many visits should be booked?</source>
        <translation>В этом курсе число процедур не задано: сколько визитов записать?</translation>
    </message>
    <message>
        <source>Nothing to book: the course&apos;s visits are all booked or done.</source>
        <translation>Записывать нечего: все визиты курса уже назначены или проведены.</translation>
    </message>
    <message numerus="yes">
        <source>Only {0} of %n visit(s) fit in the next year.</source>
        <translation>
            <numerusform>В ближайший год помещается только {0} из %n визита.</numerusform>
            <numerusform>В ближайший год помещается только {0} из %n визитов.</numerusform>
            <numerusform>В ближайший год помещается только {0} из %n визитов.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n visit(s) proposed. Change any of them, then book.</source>
        <translation>
            <numerusform>Предложен %n визит. Измените любой из них и запишите.</numerusform>
            <numerusform>Предложено %n визита. Измените любой из них и запишите.</numerusform>
            <numerusform>Предложено %n визитов. Измените любой из них и запишите.</numerusform>
        </translation>
    </message>
    <message>
        <source>&lt;span style=&apos;color:#2e7d32&apos;&gt;fits&lt;/span&gt;</source>
        <translation>&lt;span style=&apos;color:#2e7d32&apos;&gt;подходит&lt;/span&gt;</translation>
    </message>
    <message>
        <source>Booking…</source>
        <translation>Запись…</translation>
    </message>
    <message>
        <source>The visits were not booked</source>
        <translation>Визиты не записаны</translation>
    </message>
    <message>
        <source>Write a reason above to book them anyway.</source>
        <translation>Напишите причину выше, чтобы всё равно записать.</translation>
    </message>
</context>
<context>
    <name>Calendar</name>
    <message>
        <source>&amp;Calendar</source>
        <translation>&amp;Календарь</translation>
    </message>
    <message>
        <source>&amp;Day plan (Today)</source>
        <translation>План &amp;дня (Сегодня)</translation>
    </message>
    <message>
        <source>&amp;Week</source>
        <translation>&amp;Неделя</translation>
    </message>
    <message>
        <source>Practice &amp;week and resources…</source>
        <translation>&amp;Неделя практики и ресурсы…</translation>
    </message>
    <message>
        <source>Week</source>
        <translation>Неделя</translation>
    </message>
</context>
<context>
    <name>CancelFutureDialog</name>
    <message>
        <source>Cancel the future appointments?</source>
        <translation>Отменить будущие записи?</translation>
    </message>
    <message>
        <source>Why they are cancelled (kept with each appointment)</source>
        <translation>Почему они отменяются (сохраняется с каждой записью)</translation>
    </message>
    <message>
        <source>Loading…</source>
        <translation>Загрузка…</translation>
    </message>
    <message>
        <source>Cancel them</source>
        <translation>Отменить их</translation>
    </message>
    <message>
        <source>Keep them</source>
        <translation>Оставить</translation>
    </message>
    <message>
        <source>These visits are still booked:</source>
        <translation>Эти визиты ещё записаны:</translation>
    </message>
    <message>
        <source>{0:%a %d.%m.%Y %H:%M}–{1:%H:%M}  {2}</source>
        <translation>{0:%a %d.%m.%Y %H:%M}–{1:%H:%M}  {2}</translation>
    </message>
    <message>
        <source>{0} booked visits.</source>
        <translation>Записано визитов: {0}.</translation>
    </message>
    <message>
        <source>Nothing is booked.</source>
        <translation>Записей нет.</translation>
    </message>
    <message>
        <source>The appointments were not cancelled</source>
        <translation>Записи не отменены</translation>
    </message>
</context>
<context>
    <name>ChangedElsewhere</name>
    <message>
        <source>(empty)</source>
        <translation>(пусто)</translation>
    </message>
    <message>
        <source>Not saved: {who} saved this record at {when} while you were editing it.</source>
        <translation>Не сохранено: {who} сохранил(а) эту запись в {when}, пока вы её редактировали.</translation>
    </message>
    <message>
        <source>No field you see here was changed.</source>
        <translation>Ни одно из полей этой формы не изменено.</translation>
    </message>
    <message>
        <source>What you typed is still in the form. Reload to take theirs, or save yours over it.</source>
        <translation>Введённое вами осталось в форме. Загрузите их версию или сохраните свою поверх неё.</translation>
    </message>
    <message>
        <source>• {field}: theirs {theirs}, yours {yours}</source>
        <translation>• {field}: у них {theirs}, у вас {yours}</translation>
    </message>
    <message>
        <source>• {field}: theirs {theirs}</source>
        <translation>• {field}: у них {theirs}</translation>
    </message>
    <message>
        <source>Reload their version</source>
        <translation>Загрузить их версию</translation>
    </message>
    <message>
        <source>Save mine over it…</source>
        <translation>Сохранить мою поверх…</translation>
    </message>
    <message>
        <source>Not saved: this record was saved elsewhere while you were editing it.</source>
        <translation>Не сохранено: эту запись сохранили на другом рабочем месте, пока вы её редактировали.</translation>
    </message>
    <message>
        <source>What you typed is still in the form. You can save yours over it.</source>
        <translation>Введённое вами осталось в форме. Можно сохранить свою версию поверх их.</translation>
    </message>
    <message>
        <source>What you typed is still in the form. Reload to take theirs.</source>
        <translation>Введённое вами осталось в форме. Загрузите их версию, чтобы принять её.</translation>
    </message>
    <message>
        <source>What you typed is still in the form. Close it and open the record again to see theirs.</source>
        <translation>Введённое вами осталось в форме. Закройте её и откройте запись снова, чтобы увидеть их версию.</translation>
    </message>
</context>
<context>
    <name>ClearanceForm</name>
    <message>
        <source>ECG</source>
        <translation>ЭКГ</translation>
    </message>
    <message>
        <source>Blood</source>
        <translation>Кровь</translation>
    </message>
    <message>
        <source>Urine</source>
        <translation>Моча</translation>
    </message>
    <message>
        <source>Issued on</source>
        <translation>Дата выдачи</translation>
    </message>
    <message>
        <source>Valid until</source>
        <translation>Действителен до</translation>
    </message>
    <message>
        <source>Tests done</source>
        <translation>Сделанные анализы</translation>
    </message>
    <message>
        <source>Issued by</source>
        <translation>Кем выдан</translation>
    </message>
    <message>
        <source>All tests needed for whole-body sessions are there.</source>
        <translation>Все анализы, нужные для общих процедур, есть.</translation>
    </message>
</context>
<context>
    <name>CloseCourseDialog</name>
    <message>
        <source>Completed (the planned course was done)</source>
        <translation>Завершён (курс проведён по плану)</translation>
    </message>
    <message>
        <source>Stopped early</source>
        <translation>Прекращён досрочно</translation>
    </message>
    <message>
        <source>Close the {0} course of {1}</source>
        <translation>Закрыть курс «{0}» от {1}</translation>
    </message>
    <message>
        <source>Close course</source>
        <translation>Закрыть курс</translation>
    </message>
    <message>
        <source>e.g. course complete, lesions cleared / patient moved away</source>
        <translation>например, курс завершён, высыпания прошли / пациент переехал</translation>
    </message>
    <message>
        <source>Outcome</source>
        <translation>Итог</translation>
    </message>
    <message>
        <source>Last day</source>
        <translation>Последний день</translation>
    </message>
    <message>
        <source>from {0}, not later than today</source>
        <translation>с {0}, не позже сегодняшнего дня</translation>
    </message>
    <message>
        <source>Reason</source>
        <translation>Причина</translation>
    </message>
</context>
<context>
    <name>ClosedTable</name>
    <message>
        <source>Closed on</source>
        <translation>Не работает</translation>
    </message>
    <message>
        <source>Why (e.g. a holiday)</source>
        <translation>Причина (например, праздник)</translation>
    </message>
</context>
<context>
    <name>ColdPressorForm</name>
    <message>
        <source>Performed on</source>
        <translation>Дата проведения</translation>
    </message>
    <message>
        <source>Water (°C)</source>
        <translation>Вода (°C)</translation>
    </message>
    <message>
        <source>Immersion (s)</source>
        <translation>Погружение (с)</translation>
    </message>
    <message>
        <source>BP before (mmHg)</source>
        <translation>АД до (мм рт. ст.)</translation>
    </message>
    <message>
        <source>BP after (mmHg)</source>
        <translation>АД после (мм рт. ст.)</translation>
    </message>
</context>
<context>
    <name>ColdTestsTab</name>
    <message>
        <source>, antihistamine</source>
        <translation>, антигистаминные</translation>
    </message>
    <message>
        <source>, read early</source>
        <translation>, оценено досрочно</translation>
    </message>
    <message>
        <source>, timed</source>
        <translation>, по таймеру</translation>
    </message>
    <message>
        <source>{0} ice cube: {1} ({2} s contact{3})</source>
        <translation>{0} кубик льда: {1} (контакт {2} с{3})</translation>
    </message>
    <message>
        <source>{0} cold pressor: {1}/{2} → {3}/{4} mmHg</source>
        <translation>{0} холодовая прессорная проба: {1}/{2} → {3}/{4} мм рт. ст.</translation>
    </message>
    <message>
        <source>no wheal</source>
        <translation>волдыря нет</translation>
    </message>
    <message>
        <source>wheal at {0}</source>
        <translation>волдырь при {0}</translation>
    </message>
    <message>
        <source>{0} temperature threshold: {1}</source>
        <translation>{0} температурный порог: {1}</translation>
    </message>
    <message>
        <source>Ice cube test</source>
        <translation>Тест с кубиком льда</translation>
    </message>
    <message>
        <source>No cold test on record.</source>
        <translation>Холодовых тестов в карте нет.</translation>
    </message>
</context>
<context>
    <name>Column</name>
    <message>
        <source>Row</source>
        <translation>Строка</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>Статус</translation>
    </message>
    <message>
        <source>Family name</source>
        <translation>Фамилия</translation>
    </message>
    <message>
        <source>Given name</source>
        <translation>Имя</translation>
    </message>
    <message>
        <source>Middle name</source>
        <translation>Отчество</translation>
    </message>
    <message>
        <source>Born</source>
        <translation>Дата рождения</translation>
    </message>
    <message>
        <source>Phone</source>
        <translation>Телефон</translation>
    </message>
    <message>
        <source>E-mail</source>
        <translation>Эл. почта</translation>
    </message>
    <message>
        <source>Why</source>
        <translation>Причина</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>Имя</translation>
    </message>
    <message>
        <source>Age</source>
        <translation>Возраст</translation>
    </message>
    <message>
        <source>Course</source>
        <translation>Курс</translation>
    </message>
    <message>
        <source>Started</source>
        <translation>Начат</translation>
    </message>
    <message>
        <source>Sessions</source>
        <translation>Процедуры</translation>
    </message>
    <message>
        <source>Schedule</source>
        <translation>График</translation>
    </message>
    <message>
        <source>Date</source>
        <translation>Дата</translation>
    </message>
    <message>
        <source>Modality</source>
        <translation>Вид воздействия</translation>
    </message>
    <message>
        <source>Temp °C</source>
        <translation>Темп. °C</translation>
    </message>
    <message>
        <source>Duration</source>
        <translation>Длительность</translation>
    </message>
    <message>
        <source>NRS</source>
        <translation>ЦРШ</translation>
    </message>
    <message>
        <source>State</source>
        <translation>Состояние</translation>
    </message>
    <message>
        <source>Overrides</source>
        <translation>Преодолённые запреты</translation>
    </message>
    <message>
        <source>Document</source>
        <translation>Документ</translation>
    </message>
    <message>
        <source>Made</source>
        <translation>Создан</translation>
    </message>
    <message>
        <source>By</source>
        <translation>Кем</translation>
    </message>
    <message>
        <source>Language</source>
        <translation>Язык</translation>
    </message>
    <message>
        <source>Size</source>
        <translation>Размер</translation>
    </message>
    <message>
        <source>SHA-256</source>
        <translation>SHA-256</translation>
    </message>
    <message>
        <source>When</source>
        <translation>Когда</translation>
    </message>
    <message>
        <source>What happened</source>
        <translation>Что произошло</translation>
    </message>
    <message>
        <source>Onset</source>
        <translation>Начало</translation>
    </message>
    <message>
        <source>Event</source>
        <translation>Явление</translation>
    </message>
    <message>
        <source>Severity</source>
        <translation>Тяжесть</translation>
    </message>
    <message>
        <source>Session</source>
        <translation>Процедура</translation>
    </message>
    <message>
        <source>Device fault</source>
        <translation>Неисправность аппарата</translation>
    </message>
    <message>
        <source>Resolved</source>
        <translation>Разрешено</translation>
    </message>
    <message>
        <source>Description</source>
        <translation>Описание</translation>
    </message>
    <message>
        <source>Scale</source>
        <translation>Шкала</translation>
    </message>
    <message>
        <source>Score</source>
        <translation>Оценка</translation>
    </message>
    <message>
        <source>Notes</source>
        <translation>Заметки</translation>
    </message>
</context>
<context>
    <name>ConsentForm</name>
    <message>
        <source>Signed on</source>
        <translation>Дата подписи</translation>
    </message>
    <message>
        <source>Form version</source>
        <translation>Версия формы</translation>
    </message>
    <message>
        <source>Notes</source>
        <translation>Заметки</translation>
    </message>
</context>
<context>
    <name>CopyDialog</name>
    <message>
        <source>Copy to a server</source>
        <translation>Копировать на сервер</translation>
    </message>
    <message>
        <source>Save a file snapshot</source>
        <translation>Сохранить снимок в файл</translation>
    </message>
    <message>
        <source>Every record, the history and the audit trail are copied into an empty database on the server. This file is only read.</source>
        <translation>Все записи, история и журнал аудита копируются в пустую базу данных на сервере. Этот файл только читается.</translation>
    </message>
    <message>
        <source>Every record, the history and the audit trail are copied into a new file. The server is only read; workstations may go on working.</source>
        <translation>Все записи, история и журнал аудита копируются в новый файл. Сервер только читается; рабочие места могут продолжать работу.</translation>
    </message>
    <message>
        <source>New file…</source>
        <translation>Новый файл…</translation>
    </message>
    <message>
        <source>Choose…</source>
        <translation>Выбрать…</translation>
    </message>
    <message>
        <source>Copy</source>
        <translation>Копировать</translation>
    </message>
    <message>
        <source>cryolog database (*.db)</source>
        <translation>База данных cryolog (*.db)</translation>
    </message>
    <message>
        <source>Give the server&apos;s address.</source>
        <translation>Укажите адрес сервера.</translation>
    </message>
    <message>
        <source>Choose a new file.</source>
        <translation>Выберите новый файл.</translation>
    </message>
    <message>
        <source>A server&apos;s address starts with postgresql://</source>
        <translation>Адрес сервера начинается с postgresql://</translation>
    </message>
    <message>
        <source>A snapshot is a new file on this computer.</source>
        <translation>Снимок — это новый файл на этом компьютере.</translation>
    </message>
    <message>
        <source>Copying…</source>
        <translation>Копирование…</translation>
    </message>
    <message>
        <source>Copying {0}: {1} rows…</source>
        <translation>Копирование {0}: {1} строк…</translation>
    </message>
    <message>
        <source>Copied {0} rows; every table and the audit trail match. The copy is recorded in its own audit trail.</source>
        <translation>Скопировано строк: {0}; все таблицы и журнал аудита совпадают. Копирование записано в журнал аудита копии.</translation>
    </message>
    <message>
        <source>Nothing was copied: {0}</source>
        <translation>Ничего не скопировано: {0}</translation>
    </message>
    <message>
        <source>Copy to a &amp;server…</source>
        <translation>Копировать на &amp;сервер…</translation>
    </message>
    <message>
        <source>Save a file &amp;snapshot…</source>
        <translation>Сохранить &amp;снимок в файл…</translation>
    </message>
</context>
<context>
    <name>CoursesTab</name>
    <message>
        <source>{0}, ended {1}</source>
        <translation>{0}, окончен {1}</translation>
    </message>
    <message>
        <source>all planned sessions done</source>
        <translation>все запланированные процедуры проведены</translation>
    </message>
    <message>
        <source>today</source>
        <translation>сегодня</translation>
    </message>
    <message>
        <source> (overdue by {0})</source>
        <translation> (просрочено на {0})</translation>
    </message>
    <message>
        <source>next from {0}{1}</source>
        <translation>следующая возможна: {0}{1}</translation>
    </message>
    <message>
        <source>{0} of {1}</source>
        <translation>{0} из {1}</translation>
    </message>
    <message>
        <source>Start session</source>
        <translation>Начать процедуру</translation>
    </message>
    <message>
        <source>Amend…</source>
        <translation>Внести поправку…</translation>
    </message>
    <message>
        <source>Archive…</source>
        <translation>В архив…</translation>
    </message>
    <message>
        <source>For a session entered in error (a reason is required)</source>
        <translation>Для процедуры, внесённой по ошибке (нужна причина)</translation>
    </message>
    <message>
        <source>all courses</source>
        <translation>все курсы</translation>
    </message>
    <message>
        <source>Show the sessions of every course and those outside one</source>
        <translation>Показать процедуры всех курсов и вне курсов</translation>
    </message>
    <message>
        <source>Close course…</source>
        <translation>Закрыть курс…</translation>
    </message>
    <message>
        <source>Void…</source>
        <translation>Аннулировать…</translation>
    </message>
    <message>
        <source>For a course opened by mistake, before any of its sessions ran (drafts are abandoned with it)</source>
        <translation>Для курса, открытого по ошибке, пока ни одна его процедура не проведена (черновики отменяются вместе с ним)</translation>
    </message>
    <message>
        <source>Course summary…</source>
        <translation>Итоги курса…</translation>
    </message>
    <message>
        <source>Handout…</source>
        <translation>Памятка…</translation>
    </message>
    <message>
        <source>Book visits…</source>
        <translation>Записать на визиты…</translation>
    </message>
    <message>
        <source>Open a course</source>
        <translation>Открыть курс</translation>
    </message>
    <message>
        <source>&lt;b&gt;Courses&lt;/b&gt;</source>
        <translation>&lt;b&gt;Курсы&lt;/b&gt;</translation>
    </message>
    <message>
        <source>&lt;b&gt;Sessions&lt;/b&gt;</source>
        <translation>&lt;b&gt;Процедуры&lt;/b&gt;</translation>
    </message>
    <message>
        <source>Go on with it</source>
        <translation>Продолжить</translation>
    </message>
</context>
<context>
    <name>CrashDialog</name>
    <message>
        <source>cryolog ran into a problem it did not expect.

Everything you saved before is safe in the database. What you were doing just now may not have been saved: check it before you go on.</source>
        <translation>В cryolog произошла непредвиденная ошибка.

Всё, что вы сохранили раньше, надёжно хранится в базе данных. То, что вы делали только что, могло не сохраниться: проверьте это, прежде чем продолжить.</translation>
    </message>
    <message>
        <source>cryolog: unexpected problem</source>
        <translation>cryolog: непредвиденная проблема</translation>
    </message>
    <message>
        <source>{0}

The details were written to the log: {1}</source>
        <translation>{0}

Подробности записаны в журнал: {1}</translation>
    </message>
    <message>
        <source>Copy details</source>
        <translation>Копировать подробности</translation>
    </message>
    <message>
        <source>Quit cryolog</source>
        <translation>Выйти из cryolog</translation>
    </message>
    <message>
        <source>Continue working</source>
        <translation>Продолжить работу</translation>
    </message>
    <message>
        <source>Copied</source>
        <translation>Скопировано</translation>
    </message>
</context>
<context>
    <name>DayPlanView</name>
    <message>
        <source>Time</source>
        <translation>Время</translation>
    </message>
    <message>
        <source>Patient</source>
        <translation>Пациент</translation>
    </message>
    <message>
        <source>Course</source>
        <translation>Курс</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>Статус</translation>
    </message>
    <message>
        <source>Start session</source>
        <translation>Начать процедуру</translation>
    </message>
    <message>
        <source>Open patient</source>
        <translation>Открыть пациента</translation>
    </message>
    <message>
        <source>Cancel…</source>
        <translation>Отменить…</translation>
    </message>
    <message>
        <source>Did not come</source>
        <translation>Не пришёл</translation>
    </message>
    <message>
        <source>Book visits…</source>
        <translation>Записать на визиты…</translation>
    </message>
    <message>
        <source>Print…</source>
        <translation>Печать…</translation>
    </message>
    <message>
        <source>&lt;b&gt;Appointments&lt;/b&gt;</source>
        <translation>&lt;b&gt;Записи на приём&lt;/b&gt;</translation>
    </message>
    <message>
        <source>&lt;b&gt;Due or overdue, not booked&lt;/b&gt;</source>
        <translation>&lt;b&gt;Пора или просрочено, не записаны&lt;/b&gt;</translation>
    </message>
    <message>
        <source>&lt;b&gt;Sessions not signed yet&lt;/b&gt;</source>
        <translation>&lt;b&gt;Процедуры, ещё не подписанные&lt;/b&gt;</translation>
    </message>
    <message>
        <source>{0} at once · {1} + {2} min</source>
        <translation>одновременно: {0} · {1} + {2} мин</translation>
    </message>
    <message>
        <source>&lt;b&gt;Sessions not signed yet&lt;/b&gt; — {0}</source>
        <translation>&lt;b&gt;Процедуры, ещё не подписанные&lt;/b&gt; — {0}</translation>
    </message>
    <message>
        <source>&lt;b&gt;Due or overdue, not booked&lt;/b&gt; — {0}</source>
        <translation>&lt;b&gt;Пора или просрочено, не записаны&lt;/b&gt; — {0}</translation>
    </message>
    <message>
        <source>Open {0} · {1} booked</source>
        <translation>Работает {0} · записано: {1}</translation>
    </message>
    <message>
        <source>Saved the day plan to {0}.</source>
        <translation>План дня сохранён в {0}.</translation>
    </message>
    <message>
        <source>The day plan could not be updated</source>
        <translation>Не удалось обновить план дня</translation>
    </message>
</context>
<context>
    <name>DocumentDialog</name>
    <message>
        <source>Rendering pages…</source>
        <translation>Построение страниц…</translation>
    </message>
    <message>
        <source>Print…</source>
        <translation>Печать…</translation>
    </message>
    <message>
        <source>Save as…</source>
        <translation>Сохранить как…</translation>
    </message>
    <message numerus="yes">
        <source>%n page(s)</source>
        <translation>
            <numerusform>%n страница</numerusform>
            <numerusform>%n страницы</numerusform>
            <numerusform>%n страниц</numerusform>
        </translation>
    </message>
    <message>
        <source>Could not draw the pages.</source>
        <translation>Не удалось построить страницы.</translation>
    </message>
    <message>
        <source>Could not draw the document: {0}</source>
        <translation>Не удалось построить документ: {0}</translation>
    </message>
    <message>
        <source>Preparing pages for the printer…</source>
        <translation>Подготовка страниц для принтера…</translation>
    </message>
    <message>
        <source>The printer could not be started.</source>
        <translation>Не удалось запустить печать.</translation>
    </message>
    <message>
        <source>Sent {0} to the printer.</source>
        <translation>{0}: отправлено на принтер.</translation>
    </message>
    <message>
        <source>Save as</source>
        <translation>Сохранить как</translation>
    </message>
    <message>
        <source>PDF documents (*.pdf)</source>
        <translation>Документы PDF (*.pdf)</translation>
    </message>
    <message>
        <source>Could not save {0}: {1}</source>
        <translation>Не удалось сохранить {0}: {1}</translation>
    </message>
    <message>
        <source>Saved {0}</source>
        <translation>Сохранено: {0}</translation>
    </message>
</context>
<context>
    <name>DocumentLauncher</name>
    <message>
        <source>Document</source>
        <translation>Документ</translation>
    </message>
</context>
<context>
    <name>DocumentsTab</name>
    <message>
        <source>Open stored copy</source>
        <translation>Открыть сохранённую копию</translation>
    </message>
    <message>
        <source>The exact copy that was printed (or double-click a row)</source>
        <translation>Точная копия напечатанного (или дважды щёлкните строку)</translation>
    </message>
    <message>
        <source>Nothing printed yet. Documents made here are kept exactly as printed.</source>
        <translation>Пока ничего не напечатано. Созданные здесь документы хранятся точно такими, как напечатаны.</translation>
    </message>
    <message>
        <source>blank forms, to fill in by hand</source>
        <translation>пустые формы для заполнения от руки</translation>
    </message>
    <message>
        <source>Course summary…</source>
        <translation>Итоги курса…</translation>
    </message>
    <message>
        <source>Handout…</source>
        <translation>Памятка…</translation>
    </message>
    <message>
        <source>Consent form…</source>
        <translation>Форма согласия…</translation>
    </message>
    <message>
        <source>Screening form…</source>
        <translation>Анкета-скрининг…</translation>
    </message>
    <message>
        <source>Appointment card…</source>
        <translation>Карточка записи…</translation>
    </message>
    <message>
        <source>The booked dates and times, on a small card</source>
        <translation>Даты и время записи на небольшой карточке</translation>
    </message>
    <message>
        <source>&lt;b&gt;Printed documents&lt;/b&gt;</source>
        <translation>&lt;b&gt;Напечатанные документы&lt;/b&gt;</translation>
    </message>
    <message>
        <source>Make a document</source>
        <translation>Создать документ</translation>
    </message>
    <message>
        <source>&lt;b&gt;For a course&lt;/b&gt;</source>
        <translation>&lt;b&gt;Для курса&lt;/b&gt;</translation>
    </message>
    <message>
        <source>Course</source>
        <translation>Курс</translation>
    </message>
    <message>
        <source>Language</source>
        <translation>Язык</translation>
    </message>
    <message>
        <source>&lt;b&gt;For the patient&lt;/b&gt;</source>
        <translation>&lt;b&gt;Для пациента&lt;/b&gt;</translation>
    </message>
    <message>
        <source>Each document opens in a preview to print or save, and a copy is kept here. Forms use the handout language.</source>
        <translation>Каждый документ открывается в предпросмотре для печати или сохранения, а копия хранится здесь. Формы — на языке памяток пациента.</translation>
    </message>
</context>
<context>
    <name>DurationField</name>
    <message>
        <source>Type {0}; a number alone is seconds</source>
        <translation>Введите {0}; число без единиц — секунды</translation>
    </message>
</context>
<context>
    <name>EmptyState</name>
    <message>
        <source>Welcome to cryolog</source>
        <translation>Добро пожаловать в cryolog</translation>
    </message>
    <message>
        <source>There are no patients in this database yet. Register your first patient, or load demonstration data to look around (you can start a fresh database later from File › Open database).</source>
        <translation>В этой базе данных пока нет пациентов. Зарегистрируйте первого пациента или загрузите демонстрационные данные, чтобы осмотреться (новую базу данных можно создать позже: Файл › Открыть базу данных).</translation>
    </message>
    <message>
        <source>Create the first patient</source>
        <translation>Создать первого пациента</translation>
    </message>
    <message>
        <source>Load demo data</source>
        <translation>Загрузить демонстрационные данные</translation>
    </message>
    <message>
        <source>Your practice, for the printouts</source>
        <translation>Ваша практика — для печатных документов</translation>
    </message>
    <message>
        <source>Save practice details</source>
        <translation>Сохранить данные практики</translation>
    </message>
</context>
<context>
    <name>EncryptDialog</name>
    <message>
        <source>Encrypting rewrites the database so that nobody can read it without the passphrase. The window closes meanwhile and opens again when it is done.</source>
        <translation>Шифрование перезаписывает базу данных так, что без парольной фразы её никто не прочтёт. На это время окно закрывается и открывается снова, когда всё готово.</translation>
    </message>
    <message>
        <source>Without the passphrase or the recovery key nobody can open this database, not even cryolog&apos;s makers: keep the recovery key on paper in a safe place.</source>
        <translation>Без парольной фразы или ключа восстановления эту базу данных не откроет никто, даже разработчики cryolog: храните ключ восстановления на бумаге в надёжном месте.</translation>
    </message>
    <message>
        <source>A solid-state disk or a file system with snapshots may still keep blocks of the old unencrypted file; on such a disk only a new, encrypted database from the start is sure to hold nothing readable.</source>
        <translation>Твердотельный диск (SSD) или файловая система со снимками может сохранить блоки старого незашифрованного файла; на таком диске ничего читаемого гарантированно не останется только в базе, зашифрованной с самого начала.</translation>
    </message>
</context>
<context>
    <name>EncryptFlow</name>
    <message>
        <source>Not every backup could be converted:</source>
        <translation>Не все резервные копии удалось преобразовать:</translation>
    </message>
    <message>
        <source>&amp;Encrypt database…</source>
        <translation>&amp;Зашифровать базу данных…</translation>
    </message>
    <message>
        <source>Change &amp;passphrase…</source>
        <translation>Сменить &amp;парольную фразу…</translation>
    </message>
    <message>
        <source>&amp;Decrypt database…</source>
        <translation>&amp;Расшифровать базу данных…</translation>
    </message>
    <message>
        <source>Encrypt database</source>
        <translation>Зашифровать базу данных</translation>
    </message>
    <message>
        <source>Encrypting</source>
        <translation>Шифрование</translation>
    </message>
    <message>
        <source>The database is encrypted.</source>
        <translation>База данных зашифрована.</translation>
    </message>
    <message>
        <source>Decrypt database</source>
        <translation>Расшифровать базу данных</translation>
    </message>
    <message>
        <source>Decrypting writes the database as a plain file that anyone with the file can read; existing backups are decrypted too. Type the passphrase.</source>
        <translation>После расшифровки база данных хранится открытым файлом, который прочтёт любой, у кого есть этот файл; имеющиеся резервные копии тоже расшифровываются. Введите парольную фразу.</translation>
    </message>
    <message>
        <source>Decrypting</source>
        <translation>Расшифровка</translation>
    </message>
    <message>
        <source>The database is decrypted.</source>
        <translation>База данных расшифрована.</translation>
    </message>
    <message>
        <source>Change passphrase</source>
        <translation>Сменить парольную фразу</translation>
    </message>
    <message>
        <source>The recovery key stays the same; backups stay readable.</source>
        <translation>Ключ восстановления остаётся прежним; резервные копии по-прежнему читаются.</translation>
    </message>
    <message>
        <source>Changing the passphrase…</source>
        <translation>Смена парольной фразы…</translation>
    </message>
    <message>
        <source>The passphrase was changed.</source>
        <translation>Парольная фраза изменена.</translation>
    </message>
    <message>
        <source>Nothing was changed: {0}</source>
        <translation>Ничего не изменено: {0}</translation>
    </message>
    <message>
        <source>Encryption</source>
        <translation>Шифрование</translation>
    </message>
</context>
<context>
    <name>EncryptProgress</name>
    <message>
        <source>Reading the database</source>
        <translation>Чтение базы данных</translation>
    </message>
    <message>
        <source>Writing the encrypted copy</source>
        <translation>Запись зашифрованной копии</translation>
    </message>
    <message>
        <source>Checking the encrypted copy against the database</source>
        <translation>Сверка зашифрованной копии с базой данных</translation>
    </message>
    <message>
        <source>Putting the encrypted file in place, wiping the plain one</source>
        <translation>Замена файла зашифрованным, стирание незашифрованного</translation>
    </message>
    <message>
        <source>Encrypting or removing the backups</source>
        <translation>Шифрование или удаление резервных копий</translation>
    </message>
    <message>
        <source>Writing the plain copy</source>
        <translation>Запись незашифрованной копии</translation>
    </message>
    <message>
        <source>Checking the plain copy against the database</source>
        <translation>Сверка незашифрованной копии с базой данных</translation>
    </message>
    <message>
        <source>Putting the plain file in place</source>
        <translation>Замена файла незашифрованным</translation>
    </message>
    <message>
        <source>Decrypting or removing the backups</source>
        <translation>Расшифровка или удаление резервных копий</translation>
    </message>
</context>
<context>
    <name>EraseDialog</name>
    <message>
        <source>Erase patient</source>
        <translation>Удалить пациента</translation>
    </message>
    <message>
        <source>Erasing removes {name}&apos;s personal data and records from this database for good: names, contacts, notes, sessions, documents, and what the audit trail holds of them. The audit trail keeps only that an erasure took place.</source>
        <translation>Удаление навсегда убирает из этой базы данных персональные данные и записи пациента {name}: имена, контакты, заметки, процедуры, документы и то, что о них хранит журнал аудита. В журнале аудита остаётся только сам факт удаления.</translation>
    </message>
    <message>
        <source>Choose…</source>
        <translation>Выбрать…</translation>
    </message>
    <message>
        <source>Export the record first to</source>
        <translation>Сначала экспортировать карту в</translation>
    </message>
    <message>
        <source>required: the database is encrypted</source>
        <translation>обязательно: база данных зашифрована</translation>
    </message>
    <message>
        <source>optional</source>
        <translation>необязательно</translation>
    </message>
    <message>
        <source>Password for the export</source>
        <translation>Пароль для экспорта</translation>
    </message>
    <message>
        <source>Erase everything</source>
        <translation>Удалить всё</translation>
    </message>
    <message>
        <source>Anonymise</source>
        <translation>Обезличить</translation>
    </message>
    <message>
        <source>Keeps the clinical numbers (sessions, tests, scores) under &quot;Anonymised&quot;, without names, contacts or free text.</source>
        <translation>Сохраняет клинические показатели (процедуры, тесты, оценки) под именем «Обезличен», без имён, контактов и свободного текста.</translation>
    </message>
    <message>
        <source>The patient asked for erasure, and the duty to keep records allows it</source>
        <translation>Пациент попросил об удалении, и обязанность хранить записи это допускает</translation>
    </message>
    <message>
        <source>type the family name to confirm</source>
        <translation>введите фамилию для подтверждения</translation>
    </message>
    <message>
        <source>Erase</source>
        <translation>Удалить</translation>
    </message>
    <message>
        <source>Warning: the record is younger than the retention period of {years} years; it is to be kept until {until}.</source>
        <translation>Внимание: карта моложе срока хранения ({years} лет); её следует хранить до {until}.</translation>
    </message>
    <message>
        <source>The retention period ({years} years) has passed.</source>
        <translation>Срок хранения ({years} лет) истёк.</translation>
    </message>
    <message>
        <source>No backup holds this patient.</source>
        <translation>Ни одна резервная копия не содержит этого пациента.</translation>
    </message>
    <message>
        <source>1 backup still holds this patient; it ages out by the rotation by {date}.</source>
        <translation>Одна резервная копия ещё содержит этого пациента; она выйдет из ротации к {date}.</translation>
    </message>
    <message>
        <source>{count} backups still hold this patient; they age out by their rotation, the last by {date}.</source>
        <translation>Резервных копий, ещё содержащих этого пациента: {count}; они выходят из ротации, последняя — к {date}.</translation>
    </message>
    <message>
        <source>Export the record to</source>
        <translation>Экспортировать карту в</translation>
    </message>
    <message>
        <source>Choose where the record is exported first.</source>
        <translation>Сначала выберите, куда экспортировать карту.</translation>
    </message>
    <message>
        <source>Tick that the patient asked for erasure.</source>
        <translation>Отметьте, что пациент попросил об удалении.</translation>
    </message>
    <message>
        <source>Type the family name exactly to confirm.</source>
        <translation>Для подтверждения введите фамилию точно.</translation>
    </message>
    <message>
        <source>Erase patient…</source>
        <translation>Удалить пациента…</translation>
    </message>
</context>
<context>
    <name>ExportDialog</name>
    <message>
        <source>Export the record of {0}</source>
        <translation>Экспорт карты: {0}</translation>
    </message>
    <message>
        <source>One ZIP file with &lt;b&gt;{0}&lt;/b&gt;&apos;s whole record: every entry, the printed documents, the history of changes, spreadsheet tables and an HL7 FHIR copy for other medical software.</source>
        <translation>Один ZIP-файл со всей картой пациента &lt;b&gt;{0}&lt;/b&gt;: все записи, напечатанные документы, история изменений, таблицы и копия HL7 FHIR для других медицинских программ.</translation>
    </message>
    <message>
        <source>⚠ This file holds health data. Keep it where only the patient can read it and hand it over in person or through a secure channel — or protect it with a password and give the password separately.</source>
        <translation>⚠ В этом файле медицинские данные. Храните его там, где его может прочесть только пациент, и передавайте лично или по защищённому каналу — или защитите паролем и сообщите пароль отдельно.</translation>
    </message>
    <message>
        <source>Choose…</source>
        <translation>Выбрать…</translation>
    </message>
    <message>
        <source>Protect with a password (AES-256)</source>
        <translation>Защитить паролем (AES-256)</translation>
    </message>
    <message>
        <source>Export</source>
        <translation>Экспорт</translation>
    </message>
    <message>
        <source>File</source>
        <translation>Файл</translation>
    </message>
    <message>
        <source>Password</source>
        <translation>Пароль</translation>
    </message>
    <message>
        <source>Password again</source>
        <translation>Пароль ещё раз</translation>
    </message>
    <message>
        <source>Export the record to</source>
        <translation>Экспортировать карту в</translation>
    </message>
    <message>
        <source>ZIP files (*.zip)</source>
        <translation>Файлы ZIP (*.zip)</translation>
    </message>
    <message>
        <source>The two passwords differ.</source>
        <translation>Пароли не совпадают.</translation>
    </message>
    <message>
        <source>Exporting…</source>
        <translation>Экспорт…</translation>
    </message>
    <message>
        <source>Saved {0}
{1}.</source>
        <translation>Сохранено: {0}
{1}.</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>Закрыть</translation>
    </message>
    <message>
        <source>Not exported: {0} Nothing was written.</source>
        <translation>Не экспортировано: {0} Ничего не записано.</translation>
    </message>
</context>
<context>
    <name>FindingsPanel</name>
    <message>
        <source>&lt;b&gt;Safety checks&lt;/b&gt;</source>
        <translation>&lt;b&gt;Проверки безопасности&lt;/b&gt;</translation>
    </message>
    <message>
        <source>Checks appear as soon as the values are complete.</source>
        <translation>Проверки появятся, как только значения будут заполнены.</translation>
    </message>
    <message>
        <source>✓ No safety finding: this session can be saved.</source>
        <translation>✓ Замечаний по безопасности нет: процедуру можно сохранить.</translation>
    </message>
</context>
<context>
    <name>FormDialog</name>
    <message>
        <source>Not saved</source>
        <translation>Не сохранено</translation>
    </message>
</context>
<context>
    <name>HoursTable</name>
    <message>
        <source>Day</source>
        <translation>День</translation>
    </message>
    <message>
        <source>Opens</source>
        <translation>С</translation>
    </message>
    <message>
        <source>Closes</source>
        <translation>До</translation>
    </message>
</context>
<context>
    <name>IceCubeForm</name>
    <message>
        <source>Cube removed</source>
        <translation>Кубик снят</translation>
    </message>
    <message>
        <source>Reset timer</source>
        <translation>Сбросить таймер</translation>
    </message>
    <message>
        <source>Enter a test done earlier, from paper (no timer)</source>
        <translation>Внести тест, проведённый раньше, с бумаги (без таймера)</translation>
    </message>
    <message>
        <source>Repeat with {0} min contact</source>
        <translation>Повторить с контактом {0} мин</translation>
    </message>
    <message>
        <source>Antihistamine taken in the last 48 h</source>
        <translation>Антигистаминные в последние 48 ч</translation>
    </message>
    <message>
        <source>Read early, before the reading time</source>
        <translation>Оценено досрочно, до времени оценки</translation>
    </message>
    <message>
        <source>Performed on</source>
        <translation>Дата проведения</translation>
    </message>
    <message>
        <source>Contact (s)</source>
        <translation>Контакт (с)</translation>
    </message>
    <message>
        <source>Read after (min)</source>
        <translation>Оценка через (мин)</translation>
    </message>
    <message>
        <source>Result</source>
        <translation>Результат</translation>
    </message>
    <message>
        <source>The cube is still on: press Cube removed first (or Reset timer to enter a test from paper).</source>
        <translation>Кубик ещё на коже: сначала нажмите «Кубик снят» (или «Сбросить таймер», чтобы внести тест с бумаги).</translation>
    </message>
</context>
<context>
    <name>IdleLock</name>
    <message>
        <source>The ice-cube test time is up.</source>
        <translation>Время пробы с кубиком льда истекло.</translation>
    </message>
    <message>
        <source>Exposure time is up: the session needs you.</source>
        <translation>Время воздействия истекло: процедура ждёт вас.</translation>
    </message>
    <message>
        <source>Type the database&apos;s passphrase to go on.</source>
        <translation>Чтобы продолжить, введите парольную фразу базы данных.</translation>
    </message>
    <message>
        <source>Type the practice PIN to go on.</source>
        <translation>Чтобы продолжить, введите PIN-код кабинета.</translation>
    </message>
    <message>
        <source>Press Unlock to go on (set a practice PIN in Preferences).</source>
        <translation>Чтобы продолжить, нажмите «Разблокировать» (PIN-код кабинета задаётся в настройках).</translation>
    </message>
    <message>
        <source>The key-check file beside the database is missing, so the passphrase cannot be checked: type the recovery key to go on.</source>
        <translation>Файл проверки ключа рядом с базой данных отсутствует, поэтому парольную фразу проверить нельзя: чтобы продолжить, введите ключ восстановления.</translation>
    </message>
    <message>
        <source>That passphrase is wrong. The window stays locked; try again.</source>
        <translation>Парольная фраза неверна. Окно остаётся заблокированным; попробуйте ещё раз.</translation>
    </message>
    <message>
        <source>That PIN is wrong. The window stays locked; try again.</source>
        <translation>PIN-код неверен. Окно остаётся заблокированным; попробуйте ещё раз.</translation>
    </message>
    <message>
        <source>Type the passphrase first.</source>
        <translation>Сначала введите парольную фразу.</translation>
    </message>
    <message>
        <source>Type the PIN first.</source>
        <translation>Сначала введите PIN-код.</translation>
    </message>
    <message>
        <source>The answer could not be checked ({0}).</source>
        <translation>Не удалось проверить ввод ({0}).</translation>
    </message>
    <message>
        <source>cryolog (locked)</source>
        <translation>cryolog (заблокирован)</translation>
    </message>
</context>
<context>
    <name>ImportDialog</name>
    <message>
        <source>Detect</source>
        <translation>Определить</translation>
    </message>
    <message>
        <source>UTF-8 with BOM</source>
        <translation>UTF-8 с BOM</translation>
    </message>
    <message>
        <source>Windows-1251 (Cyrillic)</source>
        <translation>Windows-1251 (кириллица)</translation>
    </message>
    <message>
        <source>Windows-1252 (Western)</source>
        <translation>Windows-1252 (западноевропейская)</translation>
    </message>
    <message>
        <source>Semicolon ;</source>
        <translation>Точка с запятой ;</translation>
    </message>
    <message>
        <source>Comma ,</source>
        <translation>Запятая ,</translation>
    </message>
    <message>
        <source>Tab</source>
        <translation>Табуляция</translation>
    </message>
    <message>
        <source>Bar |</source>
        <translation>Черта |</translation>
    </message>
    <message>
        <source>— not in the file —</source>
        <translation>— нет в файле —</translation>
    </message>
    <message>
        <source>Family name</source>
        <translation>Фамилия</translation>
    </message>
    <message>
        <source>Given name</source>
        <translation>Имя</translation>
    </message>
    <message>
        <source>Middle name / patronymic</source>
        <translation>Отчество</translation>
    </message>
    <message>
        <source>Full name (one column)</source>
        <translation>ФИО (один столбец)</translation>
    </message>
    <message>
        <source>Birth date</source>
        <translation>Дата рождения</translation>
    </message>
    <message>
        <source>Phone</source>
        <translation>Телефон</translation>
    </message>
    <message>
        <source>E-mail</source>
        <translation>Эл. почта</translation>
    </message>
    <message>
        <source>Notes</source>
        <translation>Заметки</translation>
    </message>
    <message>
        <source>Family name first (Ivanova Maria Petrovna)</source>
        <translation>Сначала фамилия (Иванова Мария Петровна)</translation>
    </message>
    <message>
        <source>Given name first (Mary Ann Smith)</source>
        <translation>Сначала имя (Mary Ann Smith)</translation>
    </message>
    <message>
        <source>Import patients</source>
        <translation>Импорт пациентов</translation>
    </message>
    <message>
        <source>Choose a CSV file or an Excel workbook (.xlsx) to import.</source>
        <translation>Выберите файл CSV или книгу Excel (.xlsx) для импорта.</translation>
    </message>
    <message>
        <source>Choose file…</source>
        <translation>Выбрать файл…</translation>
    </message>
    <message>
        <source>Which column holds what</source>
        <translation>Какой столбец что содержит</translation>
    </message>
    <message>
        <source>Detect from the dates</source>
        <translation>Определить по датам</translation>
    </message>
    <message>
        <source>Skip them (report only)</source>
        <translation>Пропустить (только в отчёте)</translation>
    </message>
    <message>
        <source>Fill the patient&apos;s empty fields</source>
        <translation>Заполнить пустые поля пациента</translation>
    </message>
    <message>
        <source>Import the other rows and skip rejected ones</source>
        <translation>Импортировать остальные строки, пропустив отклонённые</translation>
    </message>
    <message>
        <source>Full name order</source>
        <translation>Порядок в ФИО</translation>
    </message>
    <message>
        <source>Birth dates written as</source>
        <translation>Формат дат рождения</translation>
    </message>
    <message>
        <source>Patients already on file</source>
        <translation>Пациенты, уже внесённые в базу</translation>
    </message>
    <message>
        <source>Import</source>
        <translation>Импорт</translation>
    </message>
    <message>
        <source>Encoding</source>
        <translation>Кодировка</translation>
    </message>
    <message>
        <source>Delimiter</source>
        <translation>Разделитель</translation>
    </message>
    <message>
        <source>Import patients from</source>
        <translation>Импортировать пациентов из</translation>
    </message>
    <message>
        <source>Patient lists (*.csv *.txt *.tsv *.xlsx *.xlsm);;All files (*)</source>
        <translation>Списки пациентов (*.csv *.txt *.tsv *.xlsx *.xlsm);;Все файлы (*)</translation>
    </message>
    <message>
        <source>Reading the file…</source>
        <translation>Чтение файла…</translation>
    </message>
    <message>
        <source>{0}, delimiter {1}</source>
        <translation>{0}, разделитель — {1}</translation>
    </message>
    <message>
        <source>Excel workbook, first sheet</source>
        <translation>книга Excel, первый лист</translation>
    </message>
    <message>
        <source>&lt;b&gt;{0}&lt;/b&gt;: {1} rows ({2})</source>
        <translation>&lt;b&gt;{0}&lt;/b&gt;: строк: {1} ({2})</translation>
    </message>
    <message>
        <source>Checking every row…</source>
        <translation>Проверка всех строк…</translation>
    </message>
    <message>
        <source>Birth dates read as {0}. {1}.{2} Nothing is written until you press Import.</source>
        <translation>Даты рождения прочитаны как {0}. {1}.{2} Ничего не записывается, пока вы не нажмёте «Импорт».</translation>
    </message>
    <message>
        <source>{0} under “Birth dates written as”.</source>
        <translation>{0} в поле «Формат дат рождения».</translation>
    </message>
    <message>
        <source>Importing…</source>
        <translation>Импорт…</translation>
    </message>
    <message>
        <source>Nothing was imported: {0}</source>
        <translation>Ничего не импортировано: {0}</translation>
    </message>
    <message>
        <source>tab</source>
        <translation>табуляция</translation>
    </message>
    <message>
        <source>semicolon</source>
        <translation>точка с запятой</translation>
    </message>
    <message>
        <source>comma</source>
        <translation>запятая</translation>
    </message>
    <message>
        <source>bar</source>
        <translation>вертикальная черта</translation>
    </message>
</context>
<context>
    <name>LockScreen</name>
    <message>
        <source>cryolog (locked)</source>
        <translation>cryolog (заблокирован)</translation>
    </message>
    <message>
        <source>cryolog is locked</source>
        <translation>cryolog заблокирован</translation>
    </message>
    <message>
        <source>Unlock</source>
        <translation>Разблокировать</translation>
    </message>
    <message>
        <source>Checking…</source>
        <translation>Проверка…</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <source>cryolog</source>
        <translation>cryolog</translation>
    </message>
    <message>
        <source>Patients</source>
        <translation>Пациенты</translation>
    </message>
    <message>
        <source>Today</source>
        <translation>Сегодня</translation>
    </message>
    <message>
        <source>Database: {0}</source>
        <translation>База данных: {0}</translation>
    </message>
    <message>
        <source>&amp;New patient…</source>
        <translation>&amp;Новый пациент…</translation>
    </message>
    <message>
        <source>&amp;Find patient</source>
        <translation>&amp;Найти пациента</translation>
    </message>
    <message>
        <source>&amp;Today</source>
        <translation>&amp;Сегодня</translation>
    </message>
    <message>
        <source>&amp;Open database…</source>
        <translation>&amp;Открыть базу данных…</translation>
    </message>
    <message>
        <source>&amp;Preferences…</source>
        <translation>&amp;Настройки…</translation>
    </message>
    <message>
        <source>&amp;Import patients…</source>
        <translation>&amp;Импорт пациентов…</translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation>&amp;Выход</translation>
    </message>
    <message>
        <source>&amp;About cryolog</source>
        <translation>&amp;О программе cryolog</translation>
    </message>
    <message>
        <source>&amp;Close patient</source>
        <translation>&amp;Закрыть пациента</translation>
    </message>
    <message>
        <source>&amp;File</source>
        <translation>&amp;Файл</translation>
    </message>
    <message>
        <source>&amp;View</source>
        <translation>&amp;Вид</translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation>&amp;Справка</translation>
    </message>
    <message>
        <source>Main</source>
        <translation>Основная</translation>
    </message>
    <message>
        <source>Search failed</source>
        <translation>Поиск не удался</translation>
    </message>
    <message>
        <source>Loading demonstration data…</source>
        <translation>Загрузка демонстрационных данных…</translation>
    </message>
    <message>
        <source>Writing demonstration data to {0}…</source>
        <translation>Запись демонстрационных данных в {0}…</translation>
    </message>
    <message>
        <source>Demo data could not be loaded</source>
        <translation>Не удалось загрузить демонстрационные данные</translation>
    </message>
    <message>
        <source>Practice details not saved</source>
        <translation>Данные практики не сохранены</translation>
    </message>
    <message>
        <source>Saved. You can change these in Preferences.</source>
        <translation>Сохранено. Изменить это можно в настройках.</translation>
    </message>
    <message>
        <source>find</source>
        <translation>поиск</translation>
    </message>
    <message>
        <source>new patient</source>
        <translation>новый пациент</translation>
    </message>
    <message>
        <source>today</source>
        <translation>сегодня</translation>
    </message>
    <message>
        <source>week</source>
        <translation>неделя</translation>
    </message>
    <message>
        <source>close patient</source>
        <translation>закрыть пациента</translation>
    </message>
    <message>
        <source>preferences</source>
        <translation>настройки</translation>
    </message>
    <message>
        <source>this help</source>
        <translation>эта справка</translation>
    </message>
    <message>
        <source>{0} sign a completed session (or save an amendment)</source>
        <translation>{0} подписать завершённую процедуру (или сохранить поправку)</translation>
    </message>
    <message>
        <source>Esc cancel</source>
        <translation>Esc отмена</translation>
    </message>
    <message>
        <source>About cryolog</source>
        <translation>О программе cryolog</translation>
    </message>
    <message>
        <source>&lt;b&gt;cryolog {0}&lt;/b&gt;&lt;p&gt;Treatment logbook for cryotherapy.&lt;/p&gt;</source>
        <translation>&lt;b&gt;cryolog {0}&lt;/b&gt;&lt;p&gt;Журнал процедур криотерапии.&lt;/p&gt;</translation>
    </message>
    <message>
        <source>&lt;p&gt;Database: {0}&lt;/p&gt;</source>
        <translation>&lt;p&gt;База данных: {0}&lt;/p&gt;</translation>
    </message>
    <message>
        <source>Open or create a cryolog database</source>
        <translation>Открыть или создать базу данных cryolog</translation>
    </message>
    <message>
        <source>cryolog database (*.db);;All files (*)</source>
        <translation>База данных cryolog (*.db);;Все файлы (*)</translation>
    </message>
</context>
<context>
    <name>NewPassphraseDialog</name>
    <message>
        <source>Current passphrase</source>
        <translation>Текущая парольная фраза</translation>
    </message>
    <message>
        <source>New passphrase</source>
        <translation>Новая парольная фраза</translation>
    </message>
    <message>
        <source>The same again</source>
        <translation>Ещё раз то же</translation>
    </message>
    <message>
        <source>Encrypt the existing backups too</source>
        <translation>Зашифровать и имеющиеся резервные копии</translation>
    </message>
    <message>
        <source>Remove the existing backups</source>
        <translation>Удалить имеющиеся резервные копии</translation>
    </message>
    <message>
        <source>The two passphrases differ.</source>
        <translation>Парольные фразы не совпадают.</translation>
    </message>
</context>
<context>
    <name>OpenCourseForm</name>
    <message>
        <source>Protocol</source>
        <translation>Протокол</translation>
    </message>
    <message>
        <source>Starts</source>
        <translation>Начало</translation>
    </message>
    <message>
        <source>Planned sessions</source>
        <translation>Запланировано процедур</translation>
    </message>
    <message>
        <source>Body area</source>
        <translation>Участок тела</translation>
    </message>
    <message>
        <source>Indication</source>
        <translation>Показание</translation>
    </message>
    <message>
        <source>Open course</source>
        <translation>Открыть курс</translation>
    </message>
</context>
<context>
    <name>OutcomeChart</name>
    <message>
        <source>No scores recorded yet.</source>
        <translation>Оценок пока нет.</translation>
    </message>
</context>
<context>
    <name>OutcomeLabels</name>
    <message>
        <source>Erythema (redness)</source>
        <translation>Эритема (покраснение)</translation>
    </message>
    <message>
        <source>Paresthesia (tingling)</source>
        <translation>Парестезия (покалывание)</translation>
    </message>
    <message>
        <source>Numbness over 24 h</source>
        <translation>Онемение дольше 24 ч</translation>
    </message>
    <message>
        <source>Blister / cold burn</source>
        <translation>Пузырь / холодовой ожог</translation>
    </message>
    <message>
        <source>Frostbite</source>
        <translation>Обморожение</translation>
    </message>
    <message>
        <source>Urticaria (hives)</source>
        <translation>Крапивница</translation>
    </message>
    <message>
        <source>Cold panniculitis</source>
        <translation>Холодовой панникулит</translation>
    </message>
    <message>
        <source>Fainting / hypoxia</source>
        <translation>Обморок / гипоксия</translation>
    </message>
    <message>
        <source>Blood pressure spike</source>
        <translation>Скачок артериального давления</translation>
    </message>
    <message>
        <source>Nerve injury</source>
        <translation>Повреждение нерва</translation>
    </message>
    <message>
        <source>Mild</source>
        <translation>Лёгкая</translation>
    </message>
    <message>
        <source>Moderate</source>
        <translation>Средняя</translation>
    </message>
    <message>
        <source>Severe</source>
        <translation>Тяжёлая</translation>
    </message>
    <message>
        <source>Pain NRS</source>
        <translation>Боль по ЦРШ</translation>
    </message>
    <message>
        <source>DLQI (quality of life)</source>
        <translation>ДИКЖ (качество жизни)</translation>
    </message>
    <message>
        <source>PASI (psoriasis)</source>
        <translation>PASI (псориаз)</translation>
    </message>
    <message>
        <source>Acne IGA</source>
        <translation>IGA (акне)</translation>
    </message>
    <message>
        <source>SALT (hair loss, %)</source>
        <translation>SALT (выпадение волос, %)</translation>
    </message>
    <message>
        <source>Lesion count</source>
        <translation>Число элементов</translation>
    </message>
</context>
<context>
    <name>OutcomesTab</name>
    <message>
        <source>Record adverse event…</source>
        <translation>Записать нежелательное явление…</translation>
    </message>
    <message>
        <source>Mark resolved…</source>
        <translation>Отметить как разрешённое…</translation>
    </message>
    <message>
        <source>Record score…</source>
        <translation>Записать оценку…</translation>
    </message>
    <message>
        <source>Adverse events</source>
        <translation>Нежелательные явления</translation>
    </message>
    <message>
        <source>Outcome scores</source>
        <translation>Оценки результата</translation>
    </message>
</context>
<context>
    <name>OverrideDialog</name>
    <message>
        <source>Hard stop: a written reason is required</source>
        <translation>Жёсткий запрет: нужна письменная причина</translation>
    </message>
    <message>
        <source>This session has findings that normally stop it. To record it anyway, write why for each one. The reasons are kept in the record and printed on the course summary.</source>
        <translation>У этой процедуры есть находки, которые обычно её запрещают. Чтобы всё же записать её, укажите причину для каждой. Причины сохраняются в карте и печатаются в итогах курса.</translation>
    </message>
    <message>
        <source>&lt;b&gt;✖ {0}&lt;/b&gt;</source>
        <translation>&lt;b&gt;✖ {0}&lt;/b&gt;</translation>
    </message>
    <message>
        <source>Reason (required)</source>
        <translation>Причина (обязательно)</translation>
    </message>
    <message>
        <source>Save with these reasons</source>
        <translation>Сохранить с этими причинами</translation>
    </message>
</context>
<context>
    <name>PassphraseDialog</name>
    <message>
        <source>I lost the passphrase: use the recovery key</source>
        <translation>Я потерял парольную фразу: использовать ключ восстановления</translation>
    </message>
    <message>
        <source>New passphrase (the key-check file is written again with it):</source>
        <translation>Новая парольная фраза (с ней файл проверки ключа будет записан заново):</translation>
    </message>
    <message>
        <source>Checking…</source>
        <translation>Проверка…</translation>
    </message>
    <message>
        <source>{name} is encrypted, and its key-check file ({name}.key) is missing: it was moved or deleted. The database itself is not known to be damaged. Type its passphrase (checked against the spare copy in the backups folder) or use the recovery key: the key-check file is then written again.</source>
        <translation>База {name} зашифрована, а её файл проверки ключа ({name}.key) отсутствует: его переместили или удалили. Повреждений самой базы не обнаружено. Введите её парольную фразу (она будет проверена по запасной копии в папке резервных копий) или используйте ключ восстановления: файл проверки ключа будет записан заново.</translation>
    </message>
    <message>
        <source>{name} is encrypted, and its key-check file ({name}.key) is missing: it was moved or deleted, and no spare copy was found in the backups folder. Without it the passphrase cannot be checked: open the database with its recovery key and choose a new passphrase; the key-check file is then written again.</source>
        <translation>База {name} зашифрована, а её файл проверки ключа ({name}.key) отсутствует: его переместили или удалили, и запасной копии в папке резервных копий нет. Без него парольную фразу проверить нельзя: откройте базу ключом восстановления и задайте новую парольную фразу; файл проверки ключа будет записан заново.</translation>
    </message>
    <message>
        <source>Encrypted database</source>
        <translation>Зашифрованная база данных</translation>
    </message>
    <message>
        <source>{name} is encrypted. Type its passphrase to open it.</source>
        <translation>{name} зашифрована. Чтобы открыть её, введите парольную фразу.</translation>
    </message>
</context>
<context>
    <name>PatientDialog</name>
    <message>
        <source>Edit patient</source>
        <translation>Изменить данные пациента</translation>
    </message>
    <message>
        <source>New patient</source>
        <translation>Новый пациент</translation>
    </message>
    <message>
        <source>Why are the details changed?</source>
        <translation>Почему изменяются данные?</translation>
    </message>
    <message>
        <source>The patient&apos;s details before and after are kept in the history, with the reason.</source>
        <translation>Данные пациента до и после изменения сохраняются в истории вместе с причиной.</translation>
    </message>
    <message>
        <source>Save changes</source>
        <translation>Сохранить изменения</translation>
    </message>
    <message>
        <source>The patient was not saved</source>
        <translation>Пациент не сохранён</translation>
    </message>
    <message>
        <source>The patient could not be reloaded</source>
        <translation>Не удалось заново загрузить пациента</translation>
    </message>
    <message>
        <source>Restore patient</source>
        <translation>Восстановить пациента</translation>
    </message>
    <message>
        <source>Why is this patient restored to the list?</source>
        <translation>Почему пациент возвращается в список?</translation>
    </message>
    <message>
        <source>Restore</source>
        <translation>Восстановить</translation>
    </message>
    <message>
        <source>The patient was not restored</source>
        <translation>Пациент не восстановлен</translation>
    </message>
</context>
<context>
    <name>PatientForm</name>
    <message>
        <source>Family name*</source>
        <translation>Фамилия*</translation>
    </message>
    <message>
        <source>Given name</source>
        <translation>Имя</translation>
    </message>
    <message>
        <source>Middle name</source>
        <translation>Отчество</translation>
    </message>
    <message>
        <source>Birth date*</source>
        <translation>Дата рождения*</translation>
    </message>
    <message>
        <source>Sex</source>
        <translation>Пол</translation>
    </message>
    <message>
        <source>Height (cm)</source>
        <translation>Рост (см)</translation>
    </message>
    <message>
        <source>Weight (kg)</source>
        <translation>Вес (кг)</translation>
    </message>
    <message>
        <source>Phone</source>
        <translation>Телефон</translation>
    </message>
    <message>
        <source>E-mail</source>
        <translation>Эл. почта</translation>
    </message>
    <message>
        <source>Address</source>
        <translation>Адрес</translation>
    </message>
    <message>
        <source>Handout language</source>
        <translation>Язык памяток</translation>
    </message>
    <message>
        <source>Notes</source>
        <translation>Заметки</translation>
    </message>
</context>
<context>
    <name>PatientHeader</name>
    <message>
        <source>Edit details…</source>
        <translation>Изменить данные…</translation>
    </message>
    <message>
        <source>Archive patient…</source>
        <translation>В архив…</translation>
    </message>
    <message>
        <source>Export record…</source>
        <translation>Экспорт карты…</translation>
    </message>
    <message>
        <source>  (archived)</source>
        <translation>  (в архиве)</translation>
    </message>
    <message>
        <source>Archived{0}</source>
        <translation>В архиве{0}</translation>
    </message>
    <message>
        <source>Restore patient…</source>
        <translation>Восстановить пациента…</translation>
    </message>
    <message>
        <source>born {0}</source>
        <translation>дата рождения {0}</translation>
    </message>
    <message numerus="yes">
        <source>%n year(s)</source>
        <translation>
            <numerusform>%n год</numerusform>
            <numerusform>%n года</numerusform>
            <numerusform>%n лет</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>PatientListView</name>
    <message>
        <source>Search by name, birth date (31.12.1980) or phone — Ctrl+F</source>
        <translation>Поиск по имени, дате рождения (31.12.1980) или телефону — Ctrl+F</translation>
    </message>
    <message>
        <source>Show archived</source>
        <translation>Показать архивные</translation>
    </message>
    <message>
        <source>New patient</source>
        <translation>Новый пациент</translation>
    </message>
    <message>
        <source>Ctrl+N</source>
        <translation>Ctrl+N</translation>
    </message>
    <message>
        <source>No patient matches this search.</source>
        <translation>Пациентов по этому запросу нет.</translation>
    </message>
    <message numerus="yes">
        <source>%n patient(s)</source>
        <translation>
            <numerusform>%n пациент</numerusform>
            <numerusform>%n пациента</numerusform>
            <numerusform>%n пациентов</numerusform>
        </translation>
    </message>
    <message>
        <source>{0}+ patients</source>
        <translation>{0}+ пациентов</translation>
    </message>
    <message numerus="yes">
        <source>%Ln patient(s)</source>
        <translation>
            <numerusform>%Ln пациент</numerusform>
            <numerusform>%Ln пациента</numerusform>
            <numerusform>%Ln пациентов</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>PatientRecordView</name>
    <message>
        <source>Details</source>
        <translation>Данные</translation>
    </message>
    <message>
        <source>Screening &amp;&amp; consent</source>
        <translation>Скрининг и согласие</translation>
    </message>
    <message>
        <source>Cold tests</source>
        <translation>Холодовые тесты</translation>
    </message>
    <message>
        <source>Courses &amp;&amp; sessions</source>
        <translation>Курсы и процедуры</translation>
    </message>
    <message>
        <source>Outcomes &amp;&amp; events</source>
        <translation>Результаты и явления</translation>
    </message>
    <message>
        <source>Documents</source>
        <translation>Документы</translation>
    </message>
    <message>
        <source>History</source>
        <translation>История</translation>
    </message>
    <message>
        <source>The older history could not be read</source>
        <translation>Не удалось прочитать более раннюю историю</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>Имя</translation>
    </message>
    <message>
        <source>Born</source>
        <translation>Дата рождения</translation>
    </message>
    <message>
        <source>Sex</source>
        <translation>Пол</translation>
    </message>
    <message>
        <source>Height</source>
        <translation>Рост</translation>
    </message>
    <message>
        <source>Weight</source>
        <translation>Вес</translation>
    </message>
    <message>
        <source>Phone</source>
        <translation>Телефон</translation>
    </message>
    <message>
        <source>E-mail</source>
        <translation>Эл. почта</translation>
    </message>
    <message>
        <source>Address</source>
        <translation>Адрес</translation>
    </message>
    <message>
        <source>Handout language</source>
        <translation>Язык памяток</translation>
    </message>
    <message>
        <source>Notes</source>
        <translation>Заметки</translation>
    </message>
</context>
<context>
    <name>PreferenceFields</name>
    <message>
        <source>from</source>
        <translation>с</translation>
    </message>
    <message>
        <source>until</source>
        <translation>до</translation>
    </message>
    <message>
        <source>e.g. after work</source>
        <translation>например, после работы</translation>
    </message>
</context>
<context>
    <name>PreferencesDialog</name>
    <message>
        <source>Preferences</source>
        <translation>Настройки</translation>
    </message>
    <message>
        <source>Country</source>
        <translation>Страна</translation>
    </message>
    <message>
        <source>Time zone</source>
        <translation>Часовой пояс</translation>
    </message>
    <message>
        <source>Window language</source>
        <translation>Язык окна</translation>
    </message>
    <message>
        <source>A new language applies the next time cryolog starts.</source>
        <translation>Новый язык применится при следующем запуске cryolog.</translation>
    </message>
    <message>
        <source>{0}; default {1}</source>
        <translation>{0}; по умолчанию {1}</translation>
    </message>
    <message>
        <source>Practice</source>
        <translation>Практика</translation>
    </message>
    <message>
        <source>Clinical limits</source>
        <translation>Клинические пределы</translation>
    </message>
    <message>
        <source>Clinical limits change what the safety checks stop or warn about; changing one asks why.</source>
        <translation>Клинические пределы определяют, когда проверки безопасности останавливают или предупреждают; при изменении нужно указать причину.</translation>
    </message>
    <message>
        <source>read-only</source>
        <translation>только чтение</translation>
    </message>
    <message>
        <source>Why do the clinical limits change?</source>
        <translation>Почему изменяются клинические пределы?</translation>
    </message>
    <message>
        <source>Changing: {0}. The safety checks use the new values from now on; the reason is kept in the audit trail.</source>
        <translation>Изменяется: {0}. Проверки безопасности с этого момента используют новые значения; причина сохраняется в журнале аудита.</translation>
    </message>
    <message>
        <source>Save limits</source>
        <translation>Сохранить пределы</translation>
    </message>
    <message>
        <source>Preferences not saved</source>
        <translation>Настройки не сохранены</translation>
    </message>
</context>
<context>
    <name>PreferencesRefusal</name>
    <message>
        <source>Practice name</source>
        <translation>Название практики</translation>
    </message>
    <message>
        <source>Address</source>
        <translation>Адрес</translation>
    </message>
    <message>
        <source>Phone</source>
        <translation>Телефон</translation>
    </message>
    <message>
        <source>Practitioner</source>
        <translation>Специалист</translation>
    </message>
    <message>
        <source>Country</source>
        <translation>Страна</translation>
    </message>
    <message>
        <source>Time zone</source>
        <translation>Часовой пояс</translation>
    </message>
    <message>
        <source>Preferences not read</source>
        <translation>Настройки не прочитаны</translation>
    </message>
</context>
<context>
    <name>PrivacyTab</name>
    <message>
        <source> min</source>
        <translation> мин</translation>
    </message>
    <message>
        <source>never</source>
        <translation>никогда</translation>
    </message>
    <message>
        <source>Lock the window after</source>
        <translation>Блокировать окно через</translation>
    </message>
    <message>
        <source>unchanged (a PIN is set)</source>
        <translation>без изменений (PIN-код задан)</translation>
    </message>
    <message>
        <source>none</source>
        <translation>нет</translation>
    </message>
    <message>
        <source>Practice PIN to unlock</source>
        <translation>PIN-код кабинета для разблокировки</translation>
    </message>
    <message>
        <source>An encrypted database is unlocked with its passphrase; the PIN unlocks a plain file. It is kept only as a salted hash.</source>
        <translation>Зашифрованная база данных разблокируется своей парольной фразой, а PIN-код — открытый файл. PIN-код хранится только в виде хеша с солью.</translation>
    </message>
    <message>
        <source> years</source>
        <translation> лет</translation>
    </message>
    <message>
        <source>Keep records at least</source>
        <translation>Хранить записи не менее</translation>
    </message>
    <message>
        <source>Privacy</source>
        <translation>Конфиденциальность</translation>
    </message>
</context>
<context>
    <name>ReadOnlyBanner</name>
    <message>
        <source>Read-only — browse and print only. {0}</source>
        <translation>Только чтение — можно просматривать и печатать. {0}</translation>
    </message>
</context>
<context>
    <name>ReasonDialog</name>
    <message>
        <source>Reason (required)</source>
        <translation>Причина (обязательно)</translation>
    </message>
    <message>
        <source>Reason (optional)</source>
        <translation>Причина (необязательно)</translation>
    </message>
    <message>
        <source>The reason is kept in the patient&apos;s history.</source>
        <translation>Причина сохраняется в истории пациента.</translation>
    </message>
    <message>
        <source>At most {0} characters ({1} typed).</source>
        <translation>Не более {0} знаков (введено {1}).</translation>
    </message>
</context>
<context>
    <name>RecordActions</name>
    <message>
        <source>Archive a session</source>
        <translation>Архивировать процедуру</translation>
    </message>
    <message>
        <source>Archive the session of {0}? Use this for a session entered in error; it stays in the history but no longer counts in the course.</source>
        <translation>Архивировать процедуру от {0}? Это для процедуры, внесённой по ошибке: она остаётся в истории, но больше не учитывается в курсе.</translation>
    </message>
    <message>
        <source>Archive session</source>
        <translation>Архивировать процедуру</translation>
    </message>
    <message>
        <source>Void a course</source>
        <translation>Аннулировать курс</translation>
    </message>
    <message>
        <source>Void the course {0}? Use this for a course opened by mistake: it is kept, with the reason, but leaves the lists and documents.</source>
        <translation>Аннулировать курс {0}? Это для курса, открытого по ошибке: он сохраняется вместе с причиной, но исчезает из списков и документов.</translation>
    </message>
    <message>
        <source>Void course</source>
        <translation>Аннулировать курс</translation>
    </message>
    <message>
        <source>Archive patient</source>
        <translation>Архивировать пациента</translation>
    </message>
    <message>
        <source>Archive {0}? The record is kept but leaves the patient list and no new sessions can be recorded until it is restored.</source>
        <translation>Архивировать: {0}? Карта сохраняется, но исчезает из списка пациентов; новые процедуры нельзя записывать, пока пациент не восстановлен.</translation>
    </message>
    <message>
        <source>Restore patient</source>
        <translation>Восстановить пациента</translation>
    </message>
    <message>
        <source>Restore {0} to the patient list?</source>
        <translation>Вернуть {0} в список пациентов?</translation>
    </message>
    <message>
        <source>Restore</source>
        <translation>Восстановить</translation>
    </message>
    <message>
        <source>Preparing the document…</source>
        <translation>Подготовка документа…</translation>
    </message>
    <message>
        <source>Not saved</source>
        <translation>Не сохранено</translation>
    </message>
</context>
<context>
    <name>RecoveryKeyDialog</name>
    <message>
        <source>Recovery key</source>
        <translation>Ключ восстановления</translation>
    </message>
    <message>
        <source>Copy this recovery key by hand (or print it) and keep it in a safe place. It opens the database if the passphrase is lost; cryolog does not keep it anywhere else and cannot show it without the passphrase.</source>
        <translation>Перепишите этот ключ восстановления от руки (или распечатайте) и храните в надёжном месте. Он открывает базу данных, если парольная фраза потеряна; cryolog больше нигде его не хранит и без парольной фразы показать не может.</translation>
    </message>
    <message>
        <source>I have written the recovery key down</source>
        <translation>Я записал ключ восстановления</translation>
    </message>
    <message>
        <source>Print…</source>
        <translation>Печать…</translation>
    </message>
    <message>
        <source>cryolog recovery key</source>
        <translation>Ключ восстановления cryolog</translation>
    </message>
</context>
<context>
    <name>ResolveEventDialog</name>
    <message>
        <source>{0} since {1}: resolved</source>
        <translation>{0} с {1}: прошло</translation>
    </message>
    <message>
        <source>Mark resolved</source>
        <translation>Отметить как прошедшее</translation>
    </message>
    <message>
        <source>Resolved on</source>
        <translation>Дата разрешения</translation>
    </message>
    <message>
        <source>{0} … today</source>
        <translation>{0} … сегодня</translation>
    </message>
</context>
<context>
    <name>ResourceEditor</name>
    <message>
        <source> at once</source>
        <translation> одновременно</translation>
    </message>
    <message>
        <source> min</source>
        <translation> мин</translation>
    </message>
    <message>
        <source>in use</source>
        <translation>используется</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>Имя</translation>
    </message>
    <message>
        <source>Treatments</source>
        <translation>Процедуры</translation>
    </message>
    <message>
        <source>Patients</source>
        <translation>Пациенты</translation>
    </message>
    <message>
        <source>Session</source>
        <translation>Процедура</translation>
    </message>
    <message>
        <source>Then ready again after</source>
        <translation>Снова готов через</translation>
    </message>
</context>
<context>
    <name>RestoreDialog</name>
    <message>
        <source>Restore from backup</source>
        <translation>Восстановить из резервной копии</translation>
    </message>
    <message>
        <source>Choose the backup to restore. Each was checked when it was made, and is checked again before it is restored.</source>
        <translation>Выберите резервную копию для восстановления. Каждая проверена при создании и проверяется снова перед восстановлением.</translation>
    </message>
    <message>
        <source>There is no backup of this database yet. Use File › Back up now.</source>
        <translation>Резервных копий этой базы данных пока нет. Используйте Файл › Создать резервную копию.</translation>
    </message>
    <message>
        <source>Restore…</source>
        <translation>Восстановить…</translation>
    </message>
</context>
<context>
    <name>RestoreFlow</name>
    <message>
        <source>&amp;Restore from backup…</source>
        <translation>&amp;Восстановить из резервной копии…</translation>
    </message>
    <message>
        <source>Restoring</source>
        <translation>Восстановление</translation>
    </message>
    <message>
        <source>Restoring {0}…</source>
        <translation>Восстановление {0}…</translation>
    </message>
    <message>
        <source>The backup was not restored: {0} The database is as it was.</source>
        <translation>Резервная копия не восстановлена: {0} База данных осталась прежней.</translation>
    </message>
    <message>
        <source> The damaged file is kept as {0}.</source>
        <translation> Повреждённый файл сохранён как {0}.</translation>
    </message>
    <message>
        <source> The replaced file is kept as {0}.</source>
        <translation> Заменённый файл сохранён как {0}.</translation>
    </message>
    <message>
        <source>Restored from {0}.{1}</source>
        <translation>Восстановлено из {0}.{1}</translation>
    </message>
    <message>
        <source>Restore</source>
        <translation>Восстановить</translation>
    </message>
    <message>
        <source>Looking for a backup</source>
        <translation>Поиск резервной копии</translation>
    </message>
    <message>
        <source>Checking the backups of the damaged database…</source>
        <translation>Проверка резервных копий повреждённой базы данных…</translation>
    </message>
</context>
<context>
    <name>SavingForm</name>
    <message>
        <source>Save</source>
        <translation>Сохранить</translation>
    </message>
    <message>
        <source>Saved.</source>
        <translation>Сохранено.</translation>
    </message>
    <message>
        <source>Not saved</source>
        <translation>Не сохранено</translation>
    </message>
</context>
<context>
    <name>ScreeningForm</name>
    <message>
        <source>&lt;b&gt;{0}&lt;/b&gt;</source>
        <translation>&lt;b&gt;{0}&lt;/b&gt;</translation>
    </message>
    <message>
        <source>Answer all “no”</source>
        <translation>Ответить «нет» на всё</translation>
    </message>
    <message>
        <source>Screened on</source>
        <translation>Дата скрининга</translation>
    </message>
</context>
<context>
    <name>ServerChanges</name>
    <message>
        <source>Not hearing other workstations&apos; changes: reconnecting to the server…</source>
        <translation>Изменения с других рабочих мест не поступают: повторное подключение к серверу…</translation>
    </message>
</context>
<context>
    <name>SessionFormView</name>
    <message>
        <source>Skin and clothing dry</source>
        <translation>Кожа и одежда сухие</translation>
    </message>
    <message>
        <source>No lotion in the last hour</source>
        <translation>Без крема в последний час</translation>
    </message>
    <message>
        <source>No metal or jewellery</source>
        <translation>Без металла и украшений</translation>
    </message>
    <message>
        <source>Gloves, socks, headband on</source>
        <translation>Перчатки, носки, повязка надеты</translation>
    </message>
    <message>
        <source>Oxygen monitor working</source>
        <translation>Монитор кислорода работает</translation>
    </message>
    <message>
        <source>not timed</source>
        <translation>без таймера</translation>
    </message>
    <message>
        <source>Exposure (timer)</source>
        <translation>Воздействие (таймер)</translation>
    </message>
    <message>
        <source>Why the exposure ran past the maximum (required)</source>
        <translation>Почему воздействие превысило максимум (обязательно)</translation>
    </message>
    <message>
        <source>Past the maximum</source>
        <translation>Сверх максимума</translation>
    </message>
    <message>
        <source>Session</source>
        <translation>Процедура</translation>
    </message>
    <message>
        <source>Course</source>
        <translation>Курс</translation>
    </message>
    <message>
        <source>Modality</source>
        <translation>Вид воздействия</translation>
    </message>
    <message>
        <source>Start</source>
        <translation>Начало</translation>
    </message>
    <message>
        <source>Duration</source>
        <translation>Длительность</translation>
    </message>
    <message>
        <source>Temperature</source>
        <translation>Температура</translation>
    </message>
    <message>
        <source>Measured</source>
        <translation>Измерено</translation>
    </message>
    <message>
        <source>Device</source>
        <translation>Аппарат</translation>
    </message>
    <message>
        <source>Nozzle / applicator</source>
        <translation>Насадка / аппликатор</translation>
    </message>
    <message>
        <source>Cold pack</source>
        <translation>Холодный пакет</translation>
    </message>
    <message>
        <source>Applied directly to the skin</source>
        <translation>Прямо на кожу</translation>
    </message>
    <message>
        <source>Before the session</source>
        <translation>Перед процедурой</translation>
    </message>
    <message>
        <source>Effect and notes</source>
        <translation>Эффект и заметки</translation>
    </message>
    <message>
        <source>Skin °C before</source>
        <translation>Кожа °C до</translation>
    </message>
    <message>
        <source>Skin °C after</source>
        <translation>Кожа °C после</translation>
    </message>
    <message>
        <source>Pain NRS before</source>
        <translation>Боль ЦРШ до</translation>
    </message>
    <message>
        <source>Pain NRS after</source>
        <translation>Боль ЦРШ после</translation>
    </message>
    <message>
        <source>e.g. redness, tingling</source>
        <translation>например, покраснение, покалывание</translation>
    </message>
    <message>
        <source>Reactions</source>
        <translation>Реакции</translation>
    </message>
    <message>
        <source>Session aborted</source>
        <translation>Процедура прервана</translation>
    </message>
    <message>
        <source>why</source>
        <translation>причина</translation>
    </message>
    <message>
        <source>Notes</source>
        <translation>Заметки</translation>
    </message>
    <message>
        <source>Set temperature</source>
        <translation>Заданная температура</translation>
    </message>
    <message>
        <source>Up to {0} · temperature {1}</source>
        <translation>До {0} · температура {1}</translation>
    </message>
</context>
<context>
    <name>SessionHost</name>
    <message>
        <source>Cold tests</source>
        <translation>Холодовые тесты</translation>
    </message>
    <message>
        <source>Start session</source>
        <translation>Начать процедуру</translation>
    </message>
    <message>
        <source>Go to the session</source>
        <translation>К процедуре</translation>
    </message>
    <message>
        <source>A new session of the selected course, beside the chamber</source>
        <translation>Новая процедура выбранного курса — у камеры</translation>
    </message>
    <message>
        <source>&lt;b&gt;{0}&lt;/b&gt; in the Session tab.</source>
        <translation>&lt;b&gt;{0}&lt;/b&gt; на вкладке «Процедура».</translation>
    </message>
    <message>
        <source>A session of {0} is not signed yet ({1}).</source>
        <translation>Процедура от {0} ещё не подписана ({1}).</translation>
    </message>
    <message>
        <source>Go on with it</source>
        <translation>Продолжить</translation>
    </message>
    <message>
        <source>Start session: {0}, session {1} of {2}.</source>
        <translation>Начать процедуру: {0}, процедура {1} из {2}.</translation>
    </message>
    <message>
        <source>Start session: {0}, session {1}.</source>
        <translation>Начать процедуру: {0}, процедура {1}.</translation>
    </message>
    <message>
        <source>Session</source>
        <translation>Процедура</translation>
    </message>
    <message>
        <source>Session · {0}</source>
        <translation>Процедура · {0}</translation>
    </message>
    <message>
        <source>Amend session</source>
        <translation>Поправка к процедуре</translation>
    </message>
    <message>
        <source>Session {0}</source>
        <translation>Процедура {0}</translation>
    </message>
    <message>
        <source>Ice cube test: {0}</source>
        <translation>Тест с кубиком льда: {0}</translation>
    </message>
</context>
<context>
    <name>SessionPanel</name>
    <message>
        <source>Start timer</source>
        <translation>Запустить таймер</translation>
    </message>
    <message>
        <source>Stop</source>
        <translation>Стоп</translation>
    </message>
    <message>
        <source>Done without timer</source>
        <translation>Без таймера</translation>
    </message>
    <message>
        <source>The exposure ran without the timer: the plan is recorded</source>
        <translation>Воздействие прошло без таймера: записан план</translation>
    </message>
    <message>
        <source>Sign</source>
        <translation>Подписать</translation>
    </message>
    <message>
        <source>Lock the session; later changes are amendments (Ctrl+S)</source>
        <translation>Закрепить процедуру; дальнейшие изменения — поправки (Ctrl+S)</translation>
    </message>
    <message>
        <source>Abandon…</source>
        <translation>Отменить…</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>Закрыть</translation>
    </message>
    <message>
        <source>The session stays stored; go on with it later</source>
        <translation>Процедура сохранена; её можно продолжить позже</translation>
    </message>
    <message>
        <source>Save amendment…</source>
        <translation>Сохранить поправку…</translation>
    </message>
    <message>
        <source>Abandon the session</source>
        <translation>Отменить процедуру</translation>
    </message>
    <message>
        <source>Give up this draft? It is kept with the reason, but counts nowhere.</source>
        <translation>Отказаться от черновика? Он сохраняется вместе с причиной, но нигде не учитывается.</translation>
    </message>
    <message>
        <source>Abandon</source>
        <translation>Отменить</translation>
    </message>
    <message>
        <source>Amend a signed session</source>
        <translation>Поправка к подписанной процедуре</translation>
    </message>
    <message>
        <source>Why is this session being changed? The values before and after are both kept.</source>
        <translation>Почему изменяется процедура? Сохраняются значения и до, и после.</translation>
    </message>
    <message>
        <source>Save amendment</source>
        <translation>Сохранить поправку</translation>
    </message>
    <message>
        <source>Not done: {0}</source>
        <translation>Не выполнено: {0}</translation>
    </message>
    <message>
        <source>not stored ({0}); what is typed stays here and is tried again</source>
        <translation>не сохранено ({0}); введённое остаётся здесь, попытка будет повторена</translation>
    </message>
    <message>
        <source>The session was not stored</source>
        <translation>Процедура не сохранена</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Отмена</translation>
    </message>
    <message>
        <source>Save</source>
        <translation>Сохранить</translation>
    </message>
    <message>
        <source>{0} needs: {1}</source>
        <translation>Для «{0}» нужно: {1}</translation>
    </message>
    <message>
        <source>Amending a signed session</source>
        <translation>Поправка к подписанной процедуре</translation>
    </message>
    <message>
        <source>New session — storing the draft…</source>
        <translation>Новая процедура — сохранение черновика…</translation>
    </message>
    <message>
        <source>saving…</source>
        <translation>сохранение…</translation>
    </message>
    <message>
        <source>stored {0}</source>
        <translation>сохранено {0}</translation>
    </message>
    <message>
        <source>Draft · {0}</source>
        <translation>Черновик · {0}</translation>
    </message>
    <message>
        <source>Running since {0}</source>
        <translation>Идёт с {0}</translation>
    </message>
    <message>
        <source>Completed · after-session values, then Sign · {0}</source>
        <translation>Завершена · значения после процедуры, затем «Подписать» · {0}</translation>
    </message>
    <message>
        <source>{0} done</source>
        <translation>прошло {0}</translation>
    </message>
    <message>
        <source>⚠ Time is up: {0} done. Stop the session now.</source>
        <translation>⚠ Время вышло: прошло {0}. Остановите процедуру.</translation>
    </message>
    <message>
        <source>&lt;b&gt;Amending the session of {0}.&lt;/b&gt; Change what was recorded wrongly; Save asks why, and the history keeps the values before and after.</source>
        <translation>&lt;b&gt;Исправление процедуры от {0}.&lt;/b&gt; Измените то, что записано неверно; при сохранении будет спрошена причина, а в истории останутся значения до и после.</translation>
    </message>
    <message>
        <source> The override reasons given then ({0}) are kept.</source>
        <translation> Причины преодоления запретов, указанные тогда ({0}), сохраняются.</translation>
    </message>
</context>
<context>
    <name>SessionPresenter</name>
    <message>
        <source>No course (one-off session)</source>
        <translation>Без курса (разовая процедура)</translation>
    </message>
    <message>
        <source>Safety checks run once the values above are complete.</source>
        <translation>Проверки безопасности запустятся, когда значения выше будут заполнены.</translation>
    </message>
    <message>
        <source>Safety checks unavailable: {0}</source>
        <translation>Проверки безопасности недоступны: {0}</translation>
    </message>
</context>
<context>
    <name>StepsDialog</name>
    <message>
        <source>This takes a moment; please do not switch the computer off.</source>
        <translation>Это займёт немного времени; не выключайте компьютер.</translation>
    </message>
</context>
<context>
    <name>TaskRunner</name>
    <message>
        <source>The request could not be completed</source>
        <translation>Запрос не выполнен</translation>
    </message>
</context>
<context>
    <name>TemperatureField</name>
    <message>
        <source>°C</source>
        <translation>°C</translation>
    </message>
    <message>
        <source>°F</source>
        <translation>°F</translation>
    </message>
    <message>
        <source>= {0} °C</source>
        <translation>= {0} °C</translation>
    </message>
    <message>
        <source>= {0} °F</source>
        <translation>= {0} °F</translation>
    </message>
</context>
<context>
    <name>ThresholdForm</name>
    <message>
        <source>No wheal at any temperature</source>
        <translation>Волдыря нет ни при какой температуре</translation>
    </message>
    <message>
        <source>Performed on</source>
        <translation>Дата проведения</translation>
    </message>
    <message>
        <source>Threshold (°C)</source>
        <translation>Порог (°C)</translation>
    </message>
</context>
<context>
    <name>VerifyBanner</name>
    <message>
        <source>Details…</source>
        <translation>Подробности…</translation>
    </message>
    <message>
        <source>… and {0} more.</source>
        <translation>… и ещё {0}.</translation>
    </message>
    <message>
        <source>Audit trail problems</source>
        <translation>Проблемы журнала изменений</translation>
    </message>
    <message>
        <source>What does not verify, one problem a line:</source>
        <translation>Что не проходит проверку, по одной проблеме в строке:</translation>
    </message>
    <message>
        <source>The same check from a terminal:
cryolog verify --db {0}</source>
        <translation>Та же проверка из терминала:
cryolog verify --db {0}</translation>
    </message>
</context>
<context>
    <name>VitalsBox</name>
    <message>
        <source>Vitals</source>
        <translation>Показатели</translation>
    </message>
    <message>
        <source>sys</source>
        <translation>сист.</translation>
    </message>
    <message>
        <source>dia</source>
        <translation>диаст.</translation>
    </message>
    <message>
        <source>Measure again</source>
        <translation>Измерить снова</translation>
    </message>
    <message>
        <source>Keep this reading and take another after rest</source>
        <translation>Сохранить это измерение и повторить после отдыха</translation>
    </message>
    <message>
        <source>BP before</source>
        <translation>АД до</translation>
    </message>
    <message>
        <source>Pulse before</source>
        <translation>Пульс до</translation>
    </message>
    <message>
        <source>SpO₂ before</source>
        <translation>SpO₂ до</translation>
    </message>
    <message>
        <source>BP after</source>
        <translation>АД после</translation>
    </message>
    <message>
        <source>Pulse after</source>
        <translation>Пульс после</translation>
    </message>
    <message>
        <source>SpO₂ after</source>
        <translation>SpO₂ после</translation>
    </message>
    <message>
        <source> at {0}</source>
        <translation> в {0}</translation>
    </message>
    <message>
        <source>Measured before: {0}</source>
        <translation>Измерено ранее: {0}</translation>
    </message>
</context>
<context>
    <name>WeekSettingsDialog</name>
    <message>
        <source>Practice week and resources</source>
        <translation>Неделя практики и ресурсы</translation>
    </message>
    <message>
        <source>Loading…</source>
        <translation>Загрузка…</translation>
    </message>
    <message>
        <source>Opening hours</source>
        <translation>Часы работы</translation>
    </message>
    <message>
        <source>Resources</source>
        <translation>Ресурсы</translation>
    </message>
    <message>
        <source>Add opening hours</source>
        <translation>Добавить часы работы</translation>
    </message>
    <message>
        <source>Remove selected</source>
        <translation>Удалить выбранное</translation>
    </message>
    <message>
        <source>Add a closed day</source>
        <translation>Добавить нерабочий день</translation>
    </message>
    <message>
        <source>&lt;b&gt;Opening hours&lt;/b&gt; — several intervals a day are allowed</source>
        <translation>&lt;b&gt;Часы работы&lt;/b&gt; — можно несколько интервалов в день</translation>
    </message>
    <message>
        <source>&lt;b&gt;Closed days and holidays&lt;/b&gt;</source>
        <translation>&lt;b&gt;Нерабочие и праздничные дни&lt;/b&gt;</translation>
    </message>
    <message>
        <source>Practitioners at once</source>
        <translation>Специалистов одновременно</translation>
    </message>
    <message>
        <source>Add a resource</source>
        <translation>Добавить ресурс</translation>
    </message>
    <message>
        <source>Saving…</source>
        <translation>Сохранение…</translation>
    </message>
    <message>
        <source>The practice week was not saved</source>
        <translation>Неделя практики не сохранена</translation>
    </message>
</context>
<context>
    <name>WeekView</name>
    <message>
        <source>Click a free slot to book a visit for {0}.</source>
        <translation>Щёлкните свободное время, чтобы записать: {0}.</translation>
    </message>
    <message>
        <source>&lt;b&gt;{0:%d.%m}–{1:%d.%m.%Y}&lt;/b&gt; · {2} booked</source>
        <translation>&lt;b&gt;{0:%d.%m}–{1:%d.%m.%Y}&lt;/b&gt; · записано: {2}</translation>
    </message>
    <message>
        <source>{0}: {1:%a %d.%m %H:%M}–{2:%H:%M}, {3} ({4})</source>
        <translation>{0}: {1:%a %d.%m %H:%M}–{2:%H:%M}, {3} ({4})</translation>
    </message>
    <message>
        <source>{0}: booked for {1:%a %d.%m %H:%M}, {2}.</source>
        <translation>{0}: записан на {1:%a %d.%m %H:%M}, {2}.</translation>
    </message>
    <message>
        <source>The appointment was not changed</source>
        <translation>Запись не изменена</translation>
    </message>
</context>
<context>
    <name>backup_parts</name>
    <message>
        <source>&amp;Backups</source>
        <translation>&amp;Резервные копии</translation>
    </message>
</context>
<context>
    <name>common</name>
    <message>
        <source>Refused</source>
        <translation>Отказ</translation>
    </message>
    <message>
        <source>Warning</source>
        <translation>Предупреждение</translation>
    </message>
    <message>
        <source>Book despite a warning</source>
        <translation>Записать несмотря на предупреждение</translation>
    </message>
    <message>
        <source>{0}.

Book anyway? Say why (kept with the appointment).</source>
        <translation>{0}.

Всё равно записать? Укажите причину (сохраняется с записью).</translation>
    </message>
    <message>
        <source>Book anyway</source>
        <translation>Всё равно записать</translation>
    </message>
    <message>
        <source>Cancel appointment</source>
        <translation>Отменить запись</translation>
    </message>
    <message>
        <source>Cancel {0}? Say why.</source>
        <translation>Отменить: {0}? Укажите причину.</translation>
    </message>
    <message>
        <source>Cancel it</source>
        <translation>Отменить</translation>
    </message>
</context>
<context>
    <name>course_label</name>
    <message>
        <source>{0} from {1}</source>
        <translation>{0} с {1}</translation>
    </message>
</context>
<context>
    <name>day_plan</name>
    <message>
        <source>Save the day plan</source>
        <translation>Сохранить план дня</translation>
    </message>
    <message>
        <source>PDF (*.pdf)</source>
        <translation>PDF (*.pdf)</translation>
    </message>
    <message>
        <source>overdue by {0}</source>
        <translation>просрочено на {0}</translation>
    </message>
    <message>
        <source>due</source>
        <translation>пора</translation>
    </message>
    <message>
        <source>{0} of {1} done</source>
        <translation>проведено {0} из {1}</translation>
    </message>
    <message>
        <source>{0} done</source>
        <translation>проведено {0}</translation>
    </message>
</context>
<context>
    <name>dirty</name>
    <message>
        <source>Unsaved changes</source>
        <translation>Несохранённые изменения</translation>
    </message>
    <message>
        <source>You have changes in {0} that are not saved.

Close it and lose them?</source>
        <translation>В «{0}» есть несохранённые изменения.

Закрыть и потерять их?</translation>
    </message>
</context>
<context>
    <name>errors</name>
    <message>
        <source>Nothing was saved; what you typed is still in the form.</source>
        <translation>Ничего не сохранено; введённое осталось в форме.</translation>
    </message>
    <message>
        <source>Some values need attention:
{0}</source>
        <translation>Проверьте значения:
{0}</translation>
    </message>
    <message>
        <source>A written reason is needed to go past: {0}.</source>
        <translation>Чтобы продолжить, нужна письменная причина: {0}.</translation>
    </message>
    <message>
        <source>The computer refused a file operation: {0}.</source>
        <translation>Компьютер отказал в работе с файлом: {0}.</translation>
    </message>
    <message>
        <source>Something unexpected went wrong.</source>
        <translation>Произошла непредвиденная ошибка.</translation>
    </message>
</context>
<context>
    <name>import_preview</name>
    <message>
        <source>new</source>
        <translation>новый</translation>
    </message>
    <message>
        <source>merge</source>
        <translation>дополнить</translation>
    </message>
    <message>
        <source>duplicate</source>
        <translation>дубликат</translation>
    </message>
    <message>
        <source>rejected</source>
        <translation>отклонён</translation>
    </message>
    <message>
        <source>same person as row {0}</source>
        <translation>тот же человек, что в строке {0}</translation>
    </message>
    <message>
        <source>adds {0} to patient {1}</source>
        <translation>добавляет {0} пациенту {1}</translation>
    </message>
    <message>
        <source>already on file as patient {0}</source>
        <translation>уже есть: пациент {0}</translation>
    </message>
    <message>
        <source> and </source>
        <translation> и </translation>
    </message>
</context>
<context>
    <name>language</name>
    <message>
        <source>The system&apos;s language ({0})</source>
        <translation>Язык системы ({0})</translation>
    </message>
</context>
<context>
    <name>ops</name>
    <message>
        <source>Not saved</source>
        <translation>Не сохранено</translation>
    </message>
</context>
<context>
    <name>practice_place</name>
    <message>
        <source>Not set (numbers need +country code)</source>
        <translation>Не задана (номера — с +кодом страны)</translation>
    </message>
    <message>
        <source>Phone numbers typed without + are read as numbers of this country</source>
        <translation>Номера телефонов без + читаются как номера этой страны</translation>
    </message>
    <message>
        <source>This computer&apos;s time zone</source>
        <translation>Часовой пояс этого компьютера</translation>
    </message>
    <message>
        <source>Where the practice&apos;s days begin and end (appointments, local days)</source>
        <translation>Где начинаются и заканчиваются дни практики (записи, местные дни)</translation>
    </message>
</context>
<context>
    <name>prompts</name>
    <message>
        <source>Unsaved changes</source>
        <translation>Несохранённые изменения</translation>
    </message>
    <message>
        <source>You have changes in {0} that are not saved.</source>
        <translation>В «{0}» есть несохранённые изменения.</translation>
    </message>
    <message>
        <source>Save them before closing?</source>
        <translation>Сохранить их перед закрытием?</translation>
    </message>
    <message>
        <source>Already registered?</source>
        <translation>Уже зарегистрирован?</translation>
    </message>
    <message>
        <source>This patient may be on file already:
{0}</source>
        <translation>Возможно, этот пациент уже есть в базе:
{0}</translation>
    </message>
    <message>
        <source>Register anyway</source>
        <translation>Всё равно зарегистрировать</translation>
    </message>
    <message>
        <source>Back to the form</source>
        <translation>Вернуться к форме</translation>
    </message>
    <message>
        <source>A course like this is open</source>
        <translation>Такой курс уже открыт</translation>
    </message>
    <message>
        <source>This patient already has an open course of this protocol (started {0}).

Open another one all the same?</source>
        <translation>У пациента уже есть открытый курс по этому протоколу (начат {0}).

Всё равно открыть ещё один?</translation>
    </message>
    <message>
        <source>Load demo data</source>
        <translation>Загрузить демонстрационные данные</translation>
    </message>
    <message>
        <source>Demonstration data is 200 made-up patients with their records, to look around.</source>
        <translation>Демонстрационные данные — 200 вымышленных пациентов с записями, чтобы осмотреться.</translation>
    </message>
    <message>
        <source>It goes into a separate file, {0}, opened instead of this one; your database stays empty. Choose File › Open database to come back to it.</source>
        <translation>Они записываются в отдельный файл {0}, который откроется вместо этого; ваша база данных останется пустой. Чтобы вернуться к ней, выберите Файл › Открыть базу данных.</translation>
    </message>
    <message>
        <source>Create the demo file</source>
        <translation>Создать демонстрационный файл</translation>
    </message>
    <message>
        <source>Load into this database</source>
        <translation>Загрузить в эту базу данных</translation>
    </message>
    <message>
        <source>Restore unsaved typing?</source>
        <translation>Восстановить несохранённый ввод?</translation>
    </message>
    <message>
        <source>cryolog did not close cleanly last time. Unsaved typing in {0} was kept aside.

Put it back into the forms? (Nothing is saved until you press Save.)</source>
        <translation>В прошлый раз cryolog закрылся некорректно. Несохранённый ввод в «{0}» отложен.

Вернуть его в формы? (Ничего не сохраняется, пока вы не нажмёте «Сохранить».)</translation>
    </message>
</context>
<context>
    <name>recovery_open</name>
    <message>
        <source>Open or create a cryolog database</source>
        <translation>Открыть или создать базу данных cryolog</translation>
    </message>
    <message>
        <source>cryolog database (*.db);;All files (*)</source>
        <translation>База данных cryolog (*.db);;Все файлы (*)</translation>
    </message>
    <message>
        <source>Looking for a backup</source>
        <translation>Поиск резервной копии</translation>
    </message>
    <message>
        <source>Checking the backups of the damaged database…</source>
        <translation>Проверка резервных копий повреждённой базы данных…</translation>
    </message>
    <message>
        <source>Restoring</source>
        <translation>Восстановление</translation>
    </message>
    <message>
        <source>Restoring the backup from {0}…</source>
        <translation>Восстановление резервной копии от {0}…</translation>
    </message>
</context>
<context>
    <name>recovery_questions</name>
    <message>
        <source>today at {time}</source>
        <translation>сегодня в {time}</translation>
    </message>
    <message>
        <source>{date} at {time}</source>
        <translation>{date} в {time}</translation>
    </message>
    <message>
        <source>The database cannot be opened</source>
        <translation>Базу данных нельзя открыть</translation>
    </message>
    <message>
        <source>You can choose another database file, or quit.</source>
        <translation>Можно выбрать другой файл базы данных или выйти.</translation>
    </message>
    <message>
        <source>Choose another file…</source>
        <translation>Выбрать другой файл…</translation>
    </message>
    <message>
        <source>Quit</source>
        <translation>Выйти</translation>
    </message>
    <message>
        <source>The database file is empty</source>
        <translation>Файл базы данных пуст</translation>
    </message>
    <message>
        <source>If you expected your records here, do not set it up: choose another file, or look for the original (and its backups folder) first.</source>
        <translation>Если здесь должны быть ваши записи, не создавайте новую базу: выберите другой файл или сначала найдите оригинал (и папку его резервных копий).</translation>
    </message>
    <message>
        <source>Set up a new database in it</source>
        <translation>Создать в нём новую базу данных</translation>
    </message>
    <message>
        <source>The database is damaged</source>
        <translation>База данных повреждена</translation>
    </message>
    <message>
        <source>{0}

The newest good backup is from {1}: {2} patients, {3} sessions. Anything recorded after that will be missing from the restored database.</source>
        <translation>{0}

Последняя исправная резервная копия — от {1}: пациентов: {2}, процедур: {3}. Всего, что записано позже, в восстановленной базе не будет.</translation>
    </message>
    <message>
        <source>The damaged file is not deleted: it is kept beside the database with “.damaged-” and the date added to its name.</source>
        <translation>Повреждённый файл не удаляется: он сохраняется рядом с базой данных, к его имени добавляются «.damaged-» и дата.</translation>
    </message>
    <message>
        <source>Restore this backup</source>
        <translation>Восстановить эту копию</translation>
    </message>
    <message>
        <source>This database is in a risky place</source>
        <translation>База данных находится в ненадёжном месте</translation>
    </message>
</context>
<context>
    <name>restore</name>
    <message>
        <source>automatic</source>
        <translation>автоматическая</translation>
    </message>
    <message>
        <source>made by hand</source>
        <translation>сделана вручную</translation>
    </message>
    <message>
        <source>before an update</source>
        <translation>перед обновлением</translation>
    </message>
    <message>
        <source>before a restore</source>
        <translation>перед восстановлением</translation>
    </message>
    <message>
        <source>Made</source>
        <translation>Сделана</translation>
    </message>
    <message>
        <source>Kind</source>
        <translation>Вид</translation>
    </message>
    <message>
        <source>Size</source>
        <translation>Размер</translation>
    </message>
    <message>
        <source>Patients</source>
        <translation>Пациенты</translation>
    </message>
    <message>
        <source>Sessions</source>
        <translation>Процедуры</translation>
    </message>
    <message>
        <source>Lost if restored</source>
        <translation>Будет потеряно</translation>
    </message>
    <message>
        <source>unknown</source>
        <translation>неизвестно</translation>
    </message>
    <message>
        <source>nothing</source>
        <translation>ничего</translation>
    </message>
    <message>
        <source>Restore the backup from {0}?

Recorded since then and missing from it: {1}.

The current database is kept first as a checked copy in the “pre-restore” backups, so it can be brought back. The window closes and opens again.</source>
        <translation>Восстановить резервную копию от {0}?

Записано с тех пор и отсутствует в ней: {1}.

Сначала текущая база сохраняется как проверенная копия среди копий «перед восстановлением», чтобы её можно было вернуть. Окно закроется и откроется снова.</translation>
    </message>
    <message>
        <source>{0} (second folder)</source>
        <translation>{0} (вторая папка)</translation>
    </message>
</context>
<context>
    <name>restore_dialog</name>
    <message>
        <source>Restore from backup</source>
        <translation>Восстановить из резервной копии</translation>
    </message>
</context>
<context>
    <name>verify_banner</name>
    <message>
        <source>&lt;b&gt;The audit trail of this file does not verify&lt;/b&gt; ({0}): records or audit entries may have been changed outside cryolog. The file was not changed by this check.</source>
        <translation>&lt;b&gt;Журнал изменений этого файла не проходит проверку&lt;/b&gt; ({0}): записи или журнал могли быть изменены вне cryolog. Проверка файл не изменила.</translation>
    </message>
    <message>
        <source>The end of the audit trail cannot be checked: there is no anchor file beside this database (a copy?). Changes from now on are anchored again.</source>
        <translation>Конец журнала изменений проверить нельзя: рядом с этой базой нет файла-якоря (это копия?). С этого момента изменения снова закрепляются.</translation>
    </message>
</context>
</TS>
