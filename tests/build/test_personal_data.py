"""No personal contact data anywhere in what the site ships (seeds/README.md: "Personal contact data of
individuals is never published on the site"): every file, every member of every wheel and archive,
every .br/.gz copy.

Two checks:
- the e-mail addresses, phone numbers and names of persons in the source the seeds' README names as
  carrying personal contact data must not occur in any byte we ship, third-party files included. The
  list is read from ../shared/seeds at test time (skipped when the seeds are not beside the project),
  so the test itself does not repeat them;
- no e-mail address or phone number at all in anything that is ours (pages, our scripts and styles,
  our wheel), with or without the seeds.
"""

from __future__ import annotations

import re
import zipfile
from pathlib import Path

import brotli
import pytest

from koensbalance.catalogue.loading import EMAIL
from tests.support.build import ROOT
from tests.support.shipped import is_container, is_third_party, shipped, without_svg

pytestmark = pytest.mark.build

SEEDS = ROOT.parent / "shared" / "seeds"
# The catalogue's e-mail pattern as bytes; phone numbers bounded by non-word characters (a hash such
# as "a12345678b" in pyodide-lock.json is not a number anyone could call).
EMAIL_BYTES = re.compile(EMAIL.pattern.encode())
PHONE_BYTES = re.compile(rb"(?<![\w.,])(?:\+45 ?)?(?:\d{2} \d{2} \d{2} \d{2}|\d{8})(?![\w.,])")
# The letter's wording around its contact person and its signature.
CONTACT = re.compile(r"rettes til ([A-ZÆØÅ]\w+(?: [A-ZÆØÅ]\w+)+) på mail")
SIGNATURE = re.compile(r"Med venlig hilsen\s*\n\s*([A-ZÆØÅ]\w+(?: [A-ZÆØÅ]\w+)+)")


def _seed_files_with_contact_data() -> list[Path]:
    """The seed files the README's notes say carry personal contact data (by their catalogue id)."""
    readme = (SEEDS / "README.md").read_text(encoding="utf-8")
    files = dict(re.findall(r"^\| `([\w-]+)` \| `([\w.]+)` \|", readme, flags=re.M))
    notes = [line for line in readme.split("\n- ") if "contact data" in line or "e-mail" in line]
    ids = {doc for note in notes for doc in re.findall(r"`([\w-]+)`", note) if doc in files}
    assert ids, "seeds/README.md no longer says which document carries personal contact data"
    return [SEEDS / files[doc] for doc in sorted(ids)]


def _phone_pattern(number: str) -> re.Pattern[bytes]:
    """The number's digits with any spacing, dots or dashes between them, with or without +45."""
    digits = re.sub(r"\D", "", number)
    return re.compile(rb"(?:\+45[\s.-]?)?" + rb"[\s.-]?".join(d.encode() for d in digits))


def _protected() -> list[tuple[str, re.Pattern[bytes]]]:
    """(kind, pattern) for every e-mail, phone number and person's name in those seeds."""
    found: list[tuple[str, re.Pattern[bytes]]] = []
    for path in _seed_files_with_contact_data():
        text = path.read_text(encoding="utf-8")
        found += [("e-mail", re.compile(re.escape(m.encode()), re.I)) for m in EMAIL.findall(text)]
        found += [("telefon", _phone_pattern(m.group(0))) for m in re.finditer(
            r"(?<![\d.,])(?:\+45 ?)?(?:\d{2} \d{2} \d{2} \d{2}|\d{8})(?!\d)", text)]
        names = [m.group(1) for m in (*CONTACT.finditer(text), *SIGNATURE.finditer(text))]
        assert names, f"{path.name}: the contact person and signature are no longer where they were"
        for name in names:
            parts = name.split()
            variants = {name, f"{parts[0]} {parts[-1]}"}  # "Fornavn Mellemnavn Efternavn" and short
            found += [("navn", re.compile(r"\s+".join(map(re.escape, v.split())).encode(), re.I))
                      for v in variants]
    assert any(kind == "telefon" for kind, _ in found) and any(kind == "e-mail" for kind, _ in found)
    return found


def _scan_for_persons(site: Path) -> list[tuple[str, str]]:
    patterns = _protected()
    hits = []
    for label, data in shipped(site):
        for kind, pattern in patterns:
            if pattern.search(data):
                hits.append((label, kind))  # the kind only: the report must not republish the data
    return hits


def _scan_generic(site: Path) -> list[tuple[str, str]]:
    hits = []
    for label, data in shipped(site):
        if is_third_party(label) or is_container(label):
            continue
        text = without_svg(data) if label.rsplit("!", 1)[-1].endswith(".html") else data
        hits += [(label, m.group(0).decode(errors="replace")) for m in EMAIL_BYTES.finditer(text)]
        hits += [(label, m.group(0).decode(errors="replace")) for m in PHONE_BYTES.finditer(text)]
    return hits


def test_the_named_persons_contact_data_is_in_no_file_or_archive_member(built_site: Path) -> None:
    if not (SEEDS / "README.md").exists():
        pytest.skip("../shared/seeds is not beside the project: the named persons' data cannot be read; "
                    "the generic e-mail/phone scan below still runs")
    assert _scan_for_persons(built_site) == []


def test_no_email_address_or_phone_number_in_anything_of_ours(built_site: Path) -> None:
    assert _scan_generic(built_site) == []


def test_the_scans_look_inside_wheels_and_precompressed_copies(built_site: Path, tmp_path: Path) -> None:
    """Plant a fictitious address and number in a copy of our wheel and of a page's .br copy: found."""
    site = tmp_path / "site"
    (site / "assets" / "pyodide").mkdir(parents=True)
    wheel = next((built_site / "assets" / "pyodide").glob("koensbalance-*.whl"))
    planted = site / "assets" / "pyodide" / wheel.name
    member = ""
    with zipfile.ZipFile(wheel) as source, zipfile.ZipFile(planted, "w") as target:
        for item in source.infolist():
            content = source.read(item)
            if item.filename.endswith(("catalogue/loading.py", "catalogue/loading.pyc")):
                # the browser's wheel holds bytecode, whose string constants are their UTF-8 bytes
                content += b"\nSkriv til fornavn@eksempel.invalid\n"
                member = item.filename
            target.writestr(item, content)
    page = (built_site / "index.html").read_bytes().replace(b"</article>",
                                                           b"<p>Ring 01 23 45 67</p></article>")
    (site / "index.html.br").write_bytes(brotli.compress(page))
    labels = {label for label, _ in _scan_generic(site)}
    assert member and f"assets/pyodide/{wheel.name}!{member}" in labels
    assert "index.html.br!index.html" in labels
    assert _scan_generic(built_site) == []  # the planted copies, not the real site, carry them
