"""A pseudo-language for layout tests: every text of the window about 40 % longer and
accented ("Ṡàvé ẍẍẍ"), its placeholders, markup and shortcuts kept, built from the Russian
source file (which lists every text) into a .qm Qt loads like any other language."""

from __future__ import annotations

import math
import re
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

from PySide6.QtCore import QTranslator

from cryolog.ui.translations import translations_dir

ACCENTS = str.maketrans("aceinosuyzAEIOUCNSYZ", "àçéîñöšüýžÅÉÎÖÜÇÑŠÝŽ")
KEEP = re.compile(r"(\{[^{}]*\}|%n|%\d+|<[^<>]+>|&[a-zA-Z#0-9]+;|&&|&(?=\w)|\\n|\n)")
STRETCH = 0.4


def pseudo(text: str) -> str:
    """``text`` accented and about 40 % longer; what Qt or the code fills in kept as is."""
    parts = KEEP.split(text)
    visible = sum(len(p) for i, p in enumerate(parts) if i % 2 == 0)
    out = [p if i % 2 else p.translate(ACCENTS) for i, p in enumerate(parts)]
    if visible:
        out.append(" " + "ẍ" * max(1, math.ceil(visible * STRETCH) - 1))
    return "".join(out)


def build_pseudo_qm(folder: Path) -> Path:
    """The pseudo-language's .qm in ``folder``, made from cryolog_ru.ts with lrelease."""
    tree = ET.parse(translations_dir() / "cryolog_ru.ts")
    root = tree.getroot()
    root.set("language", "en_US")
    for message in root.iter("message"):
        source = message.findtext("source") or ""
        translation = message.find("translation")
        assert translation is not None
        for child in list(translation):
            translation.remove(child)
        if message.get("numerus") == "yes":
            translation.text = None
            for _ in range(2):
                ET.SubElement(translation, "numerusform").text = pseudo(source)
        else:
            translation.text = pseudo(source)
    ts = folder / "cryolog_pseudo.ts"
    tree.write(ts, encoding="utf-8", xml_declaration=True)
    qm = folder / "cryolog_pseudo.qm"
    lrelease = Path(sys.executable).parent / "pyside6-lrelease"
    subprocess.run([str(lrelease), str(ts), "-qm", str(qm)], check=True, capture_output=True)
    return qm


def load_pseudo(folder: Path) -> QTranslator:
    translator = QTranslator()
    assert translator.load(str(build_pseudo_qm(folder)))
    return translator


PSEUDO_LANGUAGE = "pseudo"


def write_pseudo_catalog(folder: Path) -> Path:
    """The message catalogs beside a pseudo one: every English message (findings, field
    errors, catalog labels, booking refusals ...) made ~40 % longer and accented, its
    {values} kept. Returns the folder to read the catalogs from."""
    import json
    import shutil

    from cryolog.domain.messages_catalog import catalog, messages_dir

    folder.mkdir(parents=True, exist_ok=True)
    for source in messages_dir().glob("*.toml"):
        shutil.copy(source, folder / source.name)
    lines = []
    for key, entry in catalog("en").items():
        if isinstance(entry, str):
            value = json.dumps(pseudo(entry), ensure_ascii=False)
        else:
            forms = ", ".join(
                f"{form} = {json.dumps(pseudo(text), ensure_ascii=False)}"
                for form, text in entry.items()
            )
            value = "{ " + forms + " }"
        lines.append(f"{key} = {value}")
    (folder / f"{PSEUDO_LANGUAGE}.toml").write_text("\n".join(lines) + "\n", encoding="utf-8")
    return folder
