"""The words of the demo records: devices, sites, reactions, indications and notes."""

from __future__ import annotations

import random

DEVICES: dict[str, tuple[str, ...]] = {
    "wbc_chamber": ("Whole-body chamber, cabin 1", "Whole-body chamber, cabin 2"),
    "cryosauna_n2": ("Nitrogen cryosauna", "Nitrogen cryosauna (new unit)"),
    "ln2_applicator": ("Dewar flask, cotton applicator",),
    "ln2_spray": ("Cryo-sprayer, nozzle B", "Cryo-sprayer, nozzle C"),
    "cold_air": ("Cold-air unit, room 2", "Cold-air unit, room 3"),
    "co2": ("CO2 jet device",),
    "ice_massage": ("Ice cup",),
    "cold_pack": ("Gel pack with cloth", "Cryopackage"),
    "cold_bath": ("Hand and foot basin",),
}

REACTIONS: dict[str, tuple[str, ...]] = {
    "general": (
        "",
        "Felt cold, tolerated well.",
        "Tingling in the fingers, gone within minutes.",
        "Skin redness on the thighs, resolved in 30 min.",
        "Pleasant warmth afterwards.",
    ),
    "local_extreme": (
        "",
        "Burning then numbness, as expected.",
        "Redness of the treated skin.",
        "Mild tingling, resolved before leaving.",
        "Slight peeling expected in 2–3 days.",
    ),
    "local_moderate": (
        "",
        "Cold, then numbness.",
        "Redness of the treated skin.",
        "Tolerated well.",
    ),
}

SESSION_NOTES = (
    "Patient arrived 10 minutes late.",
    "Discussed home exercises.",
    "Asked about combining with massage.",
    "Reminded about the next appointment.",
)

ABORT_REASONS = (
    "Patient felt dizzy; session stopped and patient observed for 20 minutes.",
    "Patient asked to stop: feeling of cold was too strong.",
    "Claustrophobic feeling in the cabin.",
    "Power fluctuation; device stopped automatically.",
)

OVERRIDE_REASONS = (
    "Headband missing from the set; ears covered with a dry woollen hat instead.",
    "Spare gloves used; the protective set was being dried.",
)

PAIN_ZONES = (
    "Lower back", "Neck", "Left knee", "Right knee", "Shoulders", "Hands", "Hips",
)  # fmt: skip

SPOTS = (
    "Infiltrate, left cheek", "Infiltrate, right cheek", "Nodule, chin", "Pustule, forehead",
    "Nodule, nose", "Pustule, left temple",
)  # fmt: skip

_SITES: dict[str, tuple[tuple[str, ...], ...]] = {
    "cryopeeling": (("Face",), ("Face", "Neck"), ("Décolletage",), ("Scar, left forearm",)),
    "acne": (("Face",), ("Face", "Upper back"), ("Cheeks", "Chin")),
    "rosacea": (("Cheeks",), ("Cheeks", "Nose"), ("Face",)),
    "alopecia": (("Scalp, frontal", "Scalp, parietal", "Scalp, occipital", "Scalp, temporal"),),
    "alopecia_areata": (
        ("Patch, occipital",),
        ("Patch, vertex", "Patch, left temple"),
        ("Patch, beard",),
    ),
    "local_pain": (("Lower back",), ("Neck",), ("Trapezius, left",), ("Lumbar region",)),
    "custom": (("Right knee",), ("Left ankle",), ("Right elbow",), ("Left heel",), ("Hands",)),
    "wbc_course": (("Whole body",),),
}

INDICATIONS: dict[str, tuple[str, ...]] = {
    "wbc_course": (
        "Chronic low back pain", "Rheumatoid arthritis", "Fibromyalgia",
        "Post-exercise recovery", "Ankylosing spondylitis", "Psoriasis", "Atopic dermatitis",
    ),
    "local_pain": ("Neck pain", "Lower back pain", "Muscle spasm, trapezius", "Lumbar pain"),
    "cryopeeling": ("Dehydrated skin", "Post-acne scars", "Scar after surgery"),
    "acne": ("Acne vulgaris", "Conglobate acne", "Phlegmonous acne"),
    "rosacea": ("Papulopustular rosacea", "Erythematotelangiectatic rosacea"),
    "alopecia": ("Seborrhoea of the scalp with hair loss",),
    "alopecia_areata": ("Alopecia areata, single patch", "Alopecia areata, several patches"),
    "custom": (
        "Post-operative swelling, knee", "Ankle sprain", "Tennis elbow", "Plantar fasciitis",
        "Hand osteoarthritis",
    ),
}  # fmt: skip

STOP_NOTES = (
    "Patient moved away.",
    "Patient decided not to continue.",
    "Stopped on the referring doctor's advice.",
)

CLEARANCE_ISSUERS = (
    "Dr. A. Meier, general practitioner",
    "Dr. Е. Соколова, терапевт",
    "Dr. J. Nørgaard, physiotherapist",
    "Dr. M. Dubois, médecin généraliste",
)

PRACTICE = {
    "name": "Cryo Centre Nordlys — Kryotherapie & Hautpflege",
    "address": "Åboulevarden 12\n8000 Aarhus C\nDenmark",
    "phone": "+45 86 12 34 56",
    "practitioner": "Dr. Håkon Ørsted, physiotherapist",
}


def sites(protocol: str, modality: str, rng: random.Random) -> tuple[str, ...]:
    if modality == "cold_bath":
        return (rng.choice(("Hands", "Feet", "Forearms")),)
    return rng.choice(_SITES[protocol])
