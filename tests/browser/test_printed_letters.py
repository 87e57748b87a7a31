"""Print that a records clerk accepts, read back page by page: every letter type, made by the builder from
the longest answers a person would realistically give, printed by Chromium to US Letter PDF on the English
and the Spanish page, then read with poppler's pdftotext. The signature block (signature line, name, date
line) never stands alone on a page, in the letter or in the Spanish copy: its page also holds a sentence of
the letter's body. The dates for the person never print on a page that goes to the provider: on the Spanish
page they start on the copy's last page, on the English page they follow on a page of their own. And at a
phone's width (360 px) the printed letter is still a whole US Letter page, neither blank nor cut.

One page load per language makes every letter (Python starts once); each test reads one letter's PDF."""
from __future__ import annotations

import re
import subprocess
from pathlib import Path

import pytest

from calculator.letters import LETTER_TYPES

from ..calculator.test_letters import ANSWERS
from .test_letters_page import LETTER_TIMEOUT_MS, letters_url

# The longest answers a person would realistically give: a long name and addresses, a phone and an e-mail,
# every kind of record ticked with dates of care and their own words, someone writing for the patient where
# the letter allows it, and on the Spanish page the line that says some answers are in Spanish.
PERSON = {"patient_name": "Ana María López Hernández", "patient_birth_date": "1980-03-04",
          "patient_address": "1234 South Pine Street, Apartment 56\nTacoma, WA 98402",
          "patient_phone": "(253) 555-0123", "patient_email": "ana.lopez.hernandez@example.org",
          "provider_name": "Rainier Family Medicine and Urgent Care Clinic",
          "provider_address": "Attn: Health Information Management\n4000 Main Street, Suite 200\nTacoma, WA 98402",
          "written_in_spanish": True}
GUARDIAN = {"requester_role": "guardian", "requester_name": "María Elena Ruiz Castillo",
            "requester_address": "5 Elm Street, Unit 12\nTacoma, WA 98402"}
RECORDS = {"records_dates": "range", "records_from": "2020-01-01", "records_to": "2026-06-01",
           "records_kinds": ["visit-notes", "test-results", "imaging-reports", "images", "billing", "portal-messages"],
           "records": "The notes from my emergency visit in March 2024, and every referral letter."}
ENTRY = {"correction_entry": "Visit of March 3, 2026 with Dr. Lee: the allergy list and the medication list",
         "reason": "It says I am allergic to penicillin. I am not. I took amoxicillin in 2019 and in 2023 with no "
                   "reaction, and my pharmacy's records show it.",
         "correction_should_say": "No known drug allergies. Amoxicillin taken in 2019 and 2023 without a reaction.",
         "notify_others": "Tacoma Pharmacy, 22 Market Street, Tacoma, WA 98402; "
                          "Dr. Sam Lee, Olympia Heart Clinic, 9 Oak Avenue, Olympia, WA 98501"}
WHAT = ("I asked for a copy of my records on June 12, 2026. The clinic got my letter on June 16. It has not "
        "answered, even after my follow-up letter of July 13, and nobody returns my calls.")
LONGEST = {
    "access": {**PERSON, **RECORDS, "access_kind": "both", "copy_form": "electronic", "delivery": "email",
               "purpose": "pfml", "sent_date": "2026-06-12", "received_date": "2026-06-16"},
    "correction": {**PERSON, **ENTRY, "sent_date": "2026-11-16", "received_date": "2026-11-18"},
    "disagreement": {**PERSON, **ENTRY, "refusal_date": "2026-12-01", "sent_date": "2026-12-05"},
    "follow-up": {**PERSON, **GUARDIAN, "request_type": "access", "received_date": "2026-06-16",
                  "delay_notice": True, "sent_date": "2026-07-27"},
    "second-review": {**PERSON, **GUARDIAN, **RECORDS, "refusal_date": "2026-08-03",
                      "reviewer_name": "Dr. Sam Lee, Olympia Family Psychiatry",
                      "reviewer_address": "9 Oak Avenue, Suite 4\nOlympia, WA 98501", "sent_date": "2026-08-10"},
    "send-copy": {**PERSON, **RECORDS, "special_records": ["mental-health", "hiv-std", "sud"], "copy_form": "paper",
                  "recipient_name": "Jordan Smith", "recipient_affiliation": "Smith Disability Law",
                  "recipient_address": "1 Court Street, Suite 300\nTacoma, WA 98402", "expiration_kind": "other",
                  "expiration": "when my SSI appeal is decided", "ssa_appeal": True, "sent_date": "2026-11-02"},
    "reply": {**PERSON, "situation": "partial", "missing_records": "The imaging reports and the images from 2025, "
              "and the notes from my hospital stay in May 2025.", "received_date": "2026-10-01",
              "reply_date": "2026-10-15", "sent_date": "2026-11-02"},
    "complaint-ocr": {**PERSON, "provider_phone": "(253) 555-0188", "complaint_what": WHAT, "problem_date": "2026-07-09",
                      "received_date": "2026-06-16", "delay_notice": True, "sent_date": "2026-11-02"},
    "complaint-doh": {**PERSON, "complaint_what": WHAT, "care_dates": "2020 to 2026", "problem_date": "2026-07-09",
                      "witnesses": "My daughter, María Ruiz, (253) 555-0145, came with me when I asked at the front desk.",
                      "received_date": "2026-06-16", "sent_date": "2026-11-02"},
    "info-blocking": {**PERSON, "records": "My lab results since January 2026, as an electronic copy in the portal.",
                      "complaint_what": "The clinic said it sends lab results to the portal only after the doctor "
                                        "reviews them, and the doctor is away until next month.",
                      "problem_date": "2026-10-20", "actor_kind": "provider",
                      "actor_name": "Rainier Family Medicine and Urgent Care Clinic", "sent_date": "2026-11-02"},
    "fee-dispute": {**PERSON, "received_date": "2026-10-01", "bill_date": "2026-10-20", "copy_form": "paper",
                    "purpose": "own-copy", "bill_for": "self", "bill_pages": "60", "bill_per_page": "1.50",
                    "bill_clerical": "35", "bill_total": "125", "sent_date": "2026-11-02"},
}
# Each case printed: every letter type with its longest answers, and the send-copy authorization as issue 25
# found it (the calculator tests' short answers: on today's main the English signature block printed alone
# on page 2 of 2, and the Spanish copy's on page 4).
CASES = {**{letter_type: (letter_type, answers) for letter_type, answers in LONGEST.items()},
         "send-copy-as-found": ("send-copy", {**ANSWERS["send-copy"], "written_in_spanish": True})}
LETTER_POINTS = (612, 792)  # US Letter in PDF points: 8.5 × 11 inches


def test_every_letter_type_has_its_longest_answers():
    assert sorted(LONGEST) == sorted(LETTER_TYPES)


def flat(text: str) -> str:
    """Text with every run of white space made one space: a PDF's line breaks are not the letter's."""
    return " ".join(text.split())


def compact(text: str) -> str:
    """Text without its white space, to find the letter's words on a page whatever the page's line breaks
    (a line may end after the hyphen of 1-800-368-1019)."""
    return "".join(text.split())


def page_count(pdf: Path) -> int:
    info = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True, check=True).stdout
    return int(re.search(r"^Pages:\s+(\d+)", info, re.M).group(1))


def page_texts(pdf: Path) -> list[str]:
    """Each printed page's text (pdftotext -layout -f N -l N: line by line, so a hyphen at a line's end
    stays), without white space; page 1 first."""
    return [compact(subprocess.run(["pdftotext", "-layout", "-f", str(number), "-l", str(number), str(pdf), "-"],
                                capture_output=True, text=True, check=True).stdout)
            for number in range(1, page_count(pdf) + 1)]


def make_letter(page, letter_type: str, given: dict, lang: str) -> None:
    """The builder's own path: the `given` answers in their fields (as a case file puts them), each step's
    Next (which checks it), then Make, and the letter on show."""
    answers = {"type": letter_type, **given}
    if lang == "en":
        answers.pop("written_in_spanish")  # the English page does not ask it
    assert page.evaluate("answers => LetterBuilder.fill(answers)", answers) == []
    for _ in range(12):
        if page.is_visible("#letter-form [data-action=make]"):
            break
        page.click("#letter-form [data-action=next]")
    page.click("#letter-form [data-action=make]")
    page.wait_for_selector("#letter-output:not([hidden])", timeout=LETTER_TIMEOUT_MS)


class Printed:
    """One letter as Chromium printed it: the page texts, and the letter, copy and dates as the page held them
    (the titles without white space, as the page texts are)."""

    def __init__(self, page, pdf: Path):
        self.pages = page_texts(pdf)
        self.letter = page.text_content("#letter-english")
        copy = page.query_selector("#letter-translation")
        self.copy = copy.text_content() if copy else None
        self.copy_title = compact(page.text_content(".letter-pair__item + .letter-pair__item .letter-pair__title")
                                  if copy else "") or None
        self.dates_title = compact(page.text_content(".letter-dates-print__title"))
        self.dates = page.eval_on_selector_all("#letter-dates-print li", "items => items.map(item => item.textContent)")

    def pages_of_letter(self) -> list[str]:
        """The pages that go to the provider: up to the copy's first page, or up to the dates."""
        first_other = next(number for number, text in enumerate(self.pages)
                           if (self.copy_title and self.copy_title in text) or self.dates_title in text)
        return self.pages[:first_other]

    def pages_of_copy(self) -> list[str]:
        start = next(number for number, text in enumerate(self.pages) if self.copy_title in text)
        return self.pages[start:]


@pytest.fixture(scope="module", params=["en", "es"])
def printed(request, browser, site_url, tmp_path_factory) -> tuple[str, dict[str, Printed]]:
    """Every case made on one letters page and printed to US Letter PDF: {case: Printed}."""
    lang = request.param
    folder = tmp_path_factory.mktemp(f"printed-{lang}")
    context = browser.new_context()
    page = context.new_page()
    errors = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.goto(letters_url(site_url, lang))
    page.wait_for_selector("#letter-app:not([hidden])")
    letters = {}
    for case, (letter_type, answers) in CASES.items():
        make_letter(page, letter_type, answers, lang)
        pdf = folder / f"{case}.pdf"
        pdf.write_bytes(page.pdf(format="Letter"))
        letters[case] = Printed(page, pdf)
    assert errors == []
    context.close()
    return lang, letters


def body_sentences(letter: str) -> list[str]:
    """The sentences of the letter's body: its paragraphs after the salutation (the first one-line block
    that ends in a colon) and before the closing (the last two blocks are the closing and the signature)."""
    blocks = letter.rstrip("\n").split("\n\n")
    salutation = next(number for number, block in enumerate(blocks) if "\n" not in block and block.endswith(":"))
    body = flat(" ".join(blocks[salutation + 1:-2]))
    return [sentence for sentence in re.split(r"(?<=[.?!])\s+", body) if len(sentence.split()) >= 4]


def signature_page(pages: list[str], letter: str) -> str:
    """The one page that holds the letter's signature block whole: signature line, name and date line."""
    block = compact(letter.rstrip("\n").split("\n\n")[-1])
    holding = [text for text in pages if block in text]
    assert len(holding) == 1, f"the signature block {block!r} is not whole on one page"
    return holding[0]


def shares_its_page_with_the_body(pages: list[str], letter: str) -> bool:
    page_text = signature_page(pages, letter)
    return any(compact(sentence) in page_text for sentence in body_sentences(letter))


@pytest.mark.parametrize("case", CASES)
def test_the_signature_shares_its_page_with_the_letter_and_the_copy(printed, case):
    lang, letters = printed
    letter = letters[case]
    assert shares_its_page_with_the_body(letter.pages_of_letter(), letter.letter), case
    if lang == "es":
        assert shares_its_page_with_the_body(letter.pages_of_copy(), letter.copy), case


@pytest.mark.parametrize("case", CASES)
def test_the_dates_print_with_the_persons_copy_never_on_the_providers_pages(printed, case):
    lang, letters = printed
    letter = letters[case]
    assert letter.dates, case
    first_date = compact(letter.dates[0])[:30]
    dates_page = next(number for number, text in enumerate(letter.pages) if letter.dates_title in text)
    assert first_date in letter.pages[dates_page]  # the title never alone at the foot of a page
    assert not any(first_date in text for text in letter.pages_of_letter())
    if lang == "es":  # on the copy's last page, the one with its signature
        assert letter.pages[dates_page] == signature_page(letter.pages_of_copy(), letter.copy)
    else:  # after the letter, on a page of the person's own
        assert not any(compact(sentence) in letter.pages[dates_page] for sentence in body_sentences(letter.letter))
    assert compact("".join(letter.dates)) in "".join(letter.pages[dates_page:])


def test_the_sentence_checks_see_a_signature_left_alone():
    """The checks above fail on the page break issue 25 found (English page 2 of 2: the signature alone)."""
    letter = "Dear Medical Records Office:\n\nPlease send my records to the clinic.\n\nSincerely,\n\nSignature: ____\nAna\n"
    alone = [compact("Dear Medical Records Office: Please send my records to the clinic."),
             compact("Sincerely, Signature: ____ Ana")]
    together = [compact("Dear Medical Records Office:"),
                compact("Please send my records to the clinic. Sincerely, Signature: ____ Ana")]
    assert not shares_its_page_with_the_body(alone, letter)
    assert shares_its_page_with_the_body(together, letter)


def dark_share(pdf: Path, number: int) -> float:
    """How much of printed page `number` is ink: pdftoppm's grey image (PGM, 50 dots an inch), pixels darker than light grey."""
    image = subprocess.run(["pdftoppm", "-gray", "-r", "50", "-f", str(number), "-l", str(number), str(pdf)],
                           capture_output=True, check=True).stdout
    header = re.match(rb"P5\s+(\d+)\s+(\d+)\s+(\d+)\s", image)
    pixels = image[header.end():]
    return sum(1 for value in pixels if value < 192) / len(pixels)


# What the letters page tells a phone's reader, in the words the phone shows (Android, then iPhone).
SAVE_PDF = {"en": ("Android", "Print the letter", "Save as PDF", "iPhone", "Share", "Print", "Save to Files"),
            "es": ("Android", "Imprimir la carta", "Guardar como PDF", "iPhone", "Compartir", "Imprimir",
                   "Guardar en Archivos")}


@pytest.mark.parametrize("lang", ["en", "es"])
def test_printed_on_a_phone_the_letter_is_a_whole_us_letter_page(browser, site_url, tmp_path, lang):
    """At 360 px (a phone) the page says how to save a PDF; Print, or Android's "Save as PDF", gives US
    Letter pages with the whole letter on them: every word, none past the page's edge, and ink on every page."""
    context = browser.new_context(viewport={"width": 360, "height": 780}, is_mobile=True, has_touch=True)
    page = context.new_page()
    page.goto(letters_url(site_url, lang))
    how = page.locator("#save-pdf ~ ul").first.inner_text()
    position = 0
    for word in SAVE_PDF[lang]:  # each step, in the order the phone shows them
        position = how.find(word, position)
        assert position != -1, (word, how)
        position += len(word)
    page.wait_for_selector("#letter-app:not([hidden])")
    make_letter(page, "send-copy", LONGEST["send-copy"], lang)
    pdf = tmp_path / "phone.pdf"
    pdf.write_bytes(page.pdf(format="Letter"))
    letter = page.text_content("#letter-english")
    context.close()
    sizes = re.findall(r"^Page\s+\d+ size:\s+([\d.]+) x ([\d.]+) pts",
                       subprocess.run(["pdfinfo", "-f", "1", "-l", "99", str(pdf)], capture_output=True, text=True,
                                      check=True).stdout, re.M)
    assert sizes and all((round(float(width)), round(float(height))) == LETTER_POINTS for width, height in sizes)
    assert compact(letter) in "".join(page_texts(pdf))  # every word, in order: nothing cut or left out
    boxes = subprocess.run(["pdftotext", "-bbox", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
    right_edges = [float(edge) for edge in re.findall(r'<word xMin="[\d.]+" yMin="[\d.]+" xMax="([\d.]+)"', boxes)]
    assert right_edges and max(right_edges) <= LETTER_POINTS[0] - 18  # inside the paper, a margin to spare
    assert all(dark_share(pdf, number) > 0.002 for number in range(1, len(sizes) + 1))
