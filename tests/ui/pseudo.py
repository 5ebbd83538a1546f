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
