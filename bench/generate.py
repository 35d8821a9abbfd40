#!/usr/bin/python3
# SPDX-License-Identifier: Apache-2.0
"""Generate N members (default 100,000) as CSV, JSON Lines and YAML for the import benchmark.

Usage: bench/generate.py [N] [OUTDIR]   -> OUTDIR/members.csv, members.jsonl, members.yaml
Each member has 1 or 2 contacts (1.5 on average), 2 thematic areas and 2 services, with Spanish
names and accents; keys are those of examples/alliance.yaml. Deterministic (seeded).
"""
import csv
import json
import random
import sys
from pathlib import Path

REGIONS = ["arica_parinacota", "tarapaca", "antofagasta", "atacama", "coquimbo", "valparaiso", "metropolitana",
           "ohiggins", "maule", "nuble", "biobio", "araucania", "los_rios", "los_lagos", "aysen", "magallanes"]
THEMES = ["untoc", "trafficking_in_persons", "smuggling_of_migrants", "firearms", "drugs_corruption",
          "emerging_crimes"]
SERVICES = ["crime_prevention", "youth_at_risk", "victim_assistance", "human_rights", "advocacy_awareness"]
TYPES = ["ngo", "academia", "private_sector", "community_based", "faith_based", "foundation", "network", "media",
         "other"]
KINDS = ["Fundación", "Asociación", "Corporación", "Centro", "Red", "Observatorio", "Colectivo", "Instituto"]
WORDS = ["Ñandú", "Araucaria", "Pehuén", "Camino", "Esperanza", "Justicia", "Frontera", "Océano", "Cordillera",
         "Niñez", "Derechos", "Migración", "Paz", "Ciudadanía", "Educación", "Solidaridad", "Vínculo", "Raíces"]
CITIES = ["Arica", "Iquique", "Antofagasta", "Copiapó", "La Serena", "Valparaíso", "Santiago", "Rancagua", "Talca",
          "Chillán", "Concepción", "Temuco", "Valdivia", "Puerto Montt", "Coyhaique", "Punta Arenas"]
FIRST = ["María", "José", "Andrés", "Sofía", "Matías", "Valentina", "Ignacio", "Camila", "Benjamín", "Josefa"]
LAST = ["González", "Muñoz", "Rojas", "Díaz", "Pérez", "Soto", "Contreras", "Silva", "Martínez", "Sepúlveda"]
GENDERS = ["female", "male", "non_binary", "undisclosed"]
MEMBER_COLS = ["id", "name", "acronym", "type", "region", "city", "website", "email", "phone", "thematic_areas",
               "services", "joined", "status", "interest", "ecosoc_status", "net4u", "notes"]
CONTACT_COLS = ["name", "position", "email", "phone", "gender", "primary", "consent"]


def members(n):
    rnd = random.Random(2026)
    for i in range(n):
        r = rnd.randrange(16)
        name = f"{rnd.choice(KINDS)} {rnd.choice(WORDS)} {rnd.choice(WORDS)} {i:06d}"
        domain = f"org{i:06d}.example"
        m = {"id": f"org-{i:06d}", "name": name, "type": rnd.choice(TYPES), "region": REGIONS[r],
             "city": CITIES[r], "website": f"https://www.{domain}", "email": f"contacto@{domain}",
             "phone": f"+56 2 {2000 + i % 8000:04d} {i % 10000:04d}",
             "thematic_areas": rnd.sample(THEMES, 2), "services": rnd.sample(SERVICES, 2),
             "joined": f"20{20 + i % 6}-{1 + i % 12:02d}-{1 + i % 28:02d}", "status": "active",
             "net4u": i % 3 == 0}
        if i % 10 == 0:
            m["interest"] = ["steering_committee"]
        if i % 7 == 0:
            m["notes"] = "Trabaja en terreno; \"casos\" derivados\ndesde la fiscalía."
        contacts = []
        for k in range(1 + i % 2):
            first, last = rnd.choice(FIRST), rnd.choice(LAST)
            contacts.append({"name": f"{first} {last} {k}", "position": "Coordinación",
                             "email": f"persona{k}@{domain}", "gender": rnd.choice(GENDERS),
                             "primary": k == 0, "consent": "2025-03-01"})
        m["contacts"] = contacts
        yield m


def cell(v):
    if isinstance(v, bool):
        return "yes" if v else "no"
    if isinstance(v, list):
        return "|".join(v)
    return "" if v is None else str(v)


def yaml_scalar(v):
    if isinstance(v, bool):
        return "true" if v else "false"
    if isinstance(v, list):
        return "[" + ", ".join(v) + "]"
    return json.dumps(v, ensure_ascii=False)


def main():
    n = int(sys.argv[1]) if len(sys.argv) > 1 else 100_000
    out = Path(sys.argv[2] if len(sys.argv) > 2 else ".")
    out.mkdir(parents=True, exist_ok=True)
    with open(out / "members.csv", "w", encoding="utf-8", newline="") as fc, \
            open(out / "members.jsonl", "w", encoding="utf-8") as fj, \
            open(out / "members.yaml", "w", encoding="utf-8") as fy:
        w = csv.writer(fc, lineterminator="\r\n")
        w.writerow(MEMBER_COLS + ["contact_" + c for c in CONTACT_COLS])
        for m in members(n):
            base = [cell(m.get(c)) for c in MEMBER_COLS]
            for c in m["contacts"]:
                w.writerow(base + [cell(c.get(k)) for k in CONTACT_COLS])
            fj.write(json.dumps(m, ensure_ascii=False) + "\n")
            first = True
            for k, v in m.items():
                if k == "contacts":
                    fy.write("  contacts:\n")
                    for c in v:
                        lead = "    - "
                        for ck, cv in c.items():
                            fy.write(f"{lead}{ck}: {yaml_scalar(cv)}\n")
                            lead = "      "
                    continue
                fy.write(("- " if first else "  ") + f"{k}: {yaml_scalar(v)}\n")
                first = False


if __name__ == "__main__":
    main()
