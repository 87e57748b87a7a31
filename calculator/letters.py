"""Letters a person sends: to a provider (the request, a correction, a statement of disagreement, a
follow-up, a request for review by another provider, an authorization to send records to someone else,
a dispute of a bill, a reply to pushback) or to an agency (complaint drafts for HHS OCR and the
Washington Department of Health), by the patient or by someone who may act for them.

One builder for the CLI, the browser (through the JSON boundary) and the tests. Every date in a letter
comes from the same counting code as the calculator; every citation from the law data; the words from
data/letters.toml. The letter goes out in English (what the provider reads); a reader of a language whose
row in data/languages.toml has `copy` (Spanish) also gets a faithful copy in their language to keep. Free
text the person typed goes into both as typed.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, timedelta
from decimal import Decimal
from html import escape

from .bill_check import AT_COST_KINDS, BillCheck, check_bill
from .counting import add_working_days, next_working_day
from .deadlines import Deadline, deadline, federal_deadline, federal_latest, ocr_last_day
from .errors import CalculatorError
from .inputs import parse_choice
from .languages import languages, letter_language, source_language
from .law import DeadlineRule, law, letter_words
from .questions import letter_types, questions, read_answers, required_questions
from .words import check_lang, counted, fill, long_date, money, say, short_date
from .writers import check_may_send, next_of_kin_class, writers

LETTER_TYPES = letter_types()
# Letters whose deadline counts from the day the provider gets them: without that day, the page says to note it.
REQUEST_LETTERS = ("access", "correction")
# The drafts a person files with an agency, and the agency in deadlines.toml's [complaint] tables.
COMPLAINTS = {"complaint-ocr": "hhs-ocr", "complaint-doh": "doh", "info-blocking": "astp-onc"}
# Who may use a patient's record rights, by the writer's role (rights.toml; legal-facts.md section 13).
ROLE_AUTHORITY = {"parent": "representative", "guardian": "representative", "health-care-agent": "representative",
                  "personal-representative": "deceased", "next-of-kin": "deceased"}


@dataclass(frozen=True)
class Letter:
    """A built letter: English text, the Spanish copy (or None), and the dates it rests on.

    `due` and `extended_due` are the provider's deadlines counted from `received` (day 0, the day the
    provider got the request); `follow_up` is when to follow up if no answer came: the first working
    day after `due`, or for a follow-up letter a few working days after it was sent. All are None when
    the letter has no received date.
    """
    type: str
    lang: str
    subject: str
    english: str
    translation: str | None
    provider_name: str
    sent: date
    received: date | None = None
    rule: DeadlineRule | None = None
    due: date | None = None
    extended_due: date | None = None
    follow_up: date | None = None
    sources: list = field(default_factory=list)
    ssa_appeal: bool = False
    requester_role: str = "self"
    file_by: date | None = None
    problem_given: bool = False
    federal: Deadline | None = None
    federal_latest: date | None = None
    bill: BillCheck | None = None
    special_records: tuple[str, ...] = ()
    email: dict = field(default_factory=dict)
    fax_cover: str | None = None



class _Writer:
    """Puts one letter together in one language from data/letters.toml."""

    def __init__(self, letter_type: str, lang: str):
        self.words, self.section, self.lang = letter_words(), letter_type, lang

    def say(self, name: str, section: str | None = None, **params) -> str:
        return fill(self.words[section or self.section][name][self.lang], **params)

    def pages(self, count: int) -> str:
        return counted("count.pages", self.lang, count)

    def day(self, value: date, with_weekday: bool = False) -> str:
        return long_date(value, self.lang) if with_weekday else short_date(value, self.lang)


def build_letter(letter_type: str, answers: dict, lang: str = "en") -> Letter:
    """The letter `letter_type` from `answers` (see MAINTAINING.md, "Letters", for the keys); raises
    CalculatorError naming the first missing or malformed field. Dates are ISO strings (YYYY-MM-DD)."""
    lang = check_lang(lang)
    if letter_type in (None, ""):
        raise CalculatorError("field-missing", "type")
    letter_type = parse_choice(letter_type, LETTER_TYPES, "type", "letter-type-unknown")
    facts = _facts(letter_type, answers)
    letter_lang = letter_language(lang)
    english = _compose(letter_type, facts, letter_lang, lang)
    translation = _compose(letter_type, facts, lang) if lang != letter_lang else None
    complaint = letter_type in COMPLAINTS  # its dates are the filing deadline, not the provider's
    subject = _subject(letter_type, facts, letter_lang)
    return Letter(type=letter_type, lang=lang, subject=subject, english=english, translation=translation,
                  email=email_draft(subject, facts["patient_name"], english, facts.get("provider_email") or ""),
                  fax_cover=fax_cover(facts, subject, english) if facts.get("provider_fax") else None,
                  provider_name=facts["provider_name"], sent=facts["sent"], received=facts.get("received"),
                  rule=None if complaint else facts.get("rule"), due=None if complaint else facts.get("due"),
                  extended_due=None if complaint else facts.get("extended_due"),
                  follow_up=None if complaint else facts.get("follow_up"), sources=facts["sources"],
                  file_by=ocr_file_by(facts) if letter_type == "complaint-ocr" else None,
                  problem_given=bool(facts.get("problem_date")), bill=facts.get("bill"),
                  ssa_appeal=bool(facts.get("ssa_appeal")), requester_role=facts["requester_role"],
                  federal=facts.get("federal"), federal_latest=facts.get("federal_latest"),
                  special_records=tuple(facts.get("special_records") or ()))


def _facts(letter_type: str, answers: dict) -> dict:
    """Checked answers (data/questions.toml) plus everything computed from the law: dates, the rule,
    citations."""
    facts = read_answers(letter_type, answers)
    if letter_type == "fee-dispute":  # the bill itself is checked by the same code as a fee-check request
        facts["bill"] = check_bill({**answers, "bill_for": facts["bill_for"], "copy_form": facts["copy_form"],
                                    "purpose": facts["purpose"], "bill_other_kind": facts["bill_other_kind"]})
    facts["sent"], facts["birth"] = facts["sent_date"], facts["patient_birth_date"]
    if facts["birth"] >= facts["sent"]:
        raise CalculatorError("birth-date-after-letter", "patient_birth_date")
    if facts.get("expiration_date") and facts["expiration_date"] < facts["sent"]:
        raise CalculatorError("expiration-before-letter", "expiration_date")
    _check_records(facts)
    facts["sources"] = []  # every citation the letter makes, once, as the law data writes it
    if facts.get("problem_date") and facts["problem_date"] > facts["sent"]:
        raise CalculatorError("problem-after-letter", "problem_date")
    if letter_type in ("disagreement", "second-review"):
        facts["refusal"] = facts["refusal_date"]
        if facts["refusal"] > facts["sent"]:
            raise CalculatorError("refusal-after-letter", "refusal_date")
    request_type = {"access": "access", "correction": "correction", "reply": "access", "complaint-ocr": "access",
                    "complaint-doh": "access"}.get(letter_type) or facts.get("request_type")
    facts["request_type"] = request_type
    if request_type and facts.get("received_date"):
        facts["received"] = facts["received_date"]
        if letter_type in REQUEST_LETTERS and facts["received"] < facts["sent"]:
            raise CalculatorError("received-before-sent", "received_date")
        _add_deadline(facts, letter_type, request_type)
    check_may_send(letter_type, facts)
    if letter_type == "follow-up" and not facts["delay_notice"]:
        facts["extended_due"] = None
    return facts


def _citer(sources: list, lang: str):
    """The letter's one citing helper in `lang`: `cite(citation, confidence)` and `cite.right(row)` (a row
    of rights.toml) add the citation to `sources` once and return it as the letter in `lang` names it. A
    law's name (RCW, WAC, CFR) is the same in every language; a source that is not a law, such as HHS's
    guidance, is named in the reader's language (rights.toml [source-name])."""
    names = law().rights["source-name"]

    def cite(citation: str, confidence: str, whole: bool = False) -> str:
        # A letter names the law itself: "RCW 70.02.030(2)(b)", not the bill that added it (after the ";"),
        # unless the row's citation is itself several rules (`whole`).
        citation = citation.strip() if whole else citation.split(";")[0].strip()
        if not any(source["citation"] == citation for source in sources):
            sources.append({"citation": citation, "confidence": confidence})
        parts = (part.strip() for part in citation.split(";"))
        return "; ".join(names[part][lang] if part in names else part for part in parts)

    def cite_right(name: str, whole: bool = False) -> str:
        """A row of rights.toml, cited like any citation."""
        row = law().rights[name]
        return cite(row["citation"], row["confidence"], whole)

    cite.right = cite_right
    return cite


def _add_deadline(facts: dict, letter_type: str, request_type: str) -> None:
    """The Washington dates and, beside them, HIPAA's (`federal_due`, `federal_extended_due`, and
    `federal_latest`: the extended one only after a written notice, the follow-up's and the OCR draft's
    yes-no question), all counted from `received` (day 0)."""
    result: Deadline = deadline(request_type, facts["received"])
    facts["rule"], facts["due"], facts["extended_due"] = result.rule, result.due, result.extended_due
    federal = federal_deadline(request_type, facts["received"])
    facts["federal"], facts["federal_due"], facts["federal_extended_due"] = federal, federal.due, federal.extended_due
    facts["federal_latest"] = federal_latest(request_type, facts["received"], bool(facts.get("delay_notice")))
    if letter_type == "follow-up":
        # Our suggestion, not law: how long to wait for an answer to the follow-up letter itself.
        wait = letter_words()["calendar"]["follow_up_wait_working_days"]
        facts["follow_up"] = add_working_days(facts["sent"], wait).due
    else:
        facts["follow_up"] = next_working_day(result.due)


def _language_called(w: _Writer, reader: str) -> str:
    """The reader's language named in the letter's language: in the reader's own copy by its words
    (letters.toml common.language-name), in the English letter by languages.toml `english`."""
    return w.say("language-name", "common") if reader == w.lang else languages()[reader].english


def _compose(letter_type: str, facts: dict, lang: str, reader: str | None = None) -> str:
    """The whole letter in `lang`: date, addresses, subject, paragraphs, signature."""
    w, cite, rules = _Writer(letter_type, lang), _citer(facts["sources"], lang), law().rules
    paragraphs: list[str] = []
    if letter_type == "access":
        paragraphs.append(w.say(f"intro-{facts['access_kind']}", citation=cite.right("access-request")))
        paragraphs += _records(w, facts, cite)
        if facts["access_kind"] != "copy":
            paragraphs.append(w.say("inspect-when"))
        if facts["access_kind"] != "inspect":
            if facts["copy_form"] == "electronic":
                paragraphs.append(w.say("form-electronic", citation=cite.right("electronic-form")))
            else:
                paragraphs.append(w.say("form-paper"))
            # Only the e-mail line cites a source (HHS FAQ 2061): the others must not add it to the list.
            email = facts["delivery"] == "email"
            paragraphs.append(w.say(f"delivery-{facts['delivery']}", patient_email=facts["patient_email"],
                                    citation=cite.right("email-copy") if email else None))
        free, pfml = law().free_copies.get(facts["purpose"]), law().pfml
        if free and free.in_force_from <= facts["sent"]:
            paragraphs.append(w.say(f"free-{free.purpose}", citation=cite(free.citation, free.confidence)))
        else:
            if facts["purpose"] == pfml.purpose and pfml.in_force_from <= facts["sent"]:
                # Completing the certification is free; the copies are not (legal-facts.md, section 3).
                seven_days = rules["pfml-certification"]
                paragraphs.append(w.say("pfml", citation=cite(pfml.no_fee_citation, pfml.confidence),
                                        days=seven_days.days,
                                        days_citation=cite(seven_days.citation, seven_days.confidence)))
            paragraphs.append(w.say("fee", citation=cite.right("cost-based-fee")))
            if "images" in facts["records_kinds"] and facts["access_kind"] != "inspect":
                paragraphs.append(w.say("images-fee", citation=cite.right("cost-based-fee")))
        rule = rules["access"]
        paragraphs.append(w.say("deadline", citation=cite(rule.citation, rule.confidence), days=rule.days))
        if facts.get("due"):
            paragraphs.append(w.say("due", received_date=w.day(facts["received"]), due=w.day(facts["due"], True)))
    elif letter_type == "correction":
        paragraphs.append(w.say("intro", citation=cite.right("correction-request")))
        paragraphs += [w.say("entry", correction_entry=facts["correction_entry"]),
                       w.say("reason", reason=facts["reason"]),
                       w.say("should-say", correction_should_say=facts["correction_should_say"])]
        rule = rules["correction"]
        paragraphs.append(w.say("deadline", citation=cite(rule.citation, rule.confidence), days=rule.days))
        if facts.get("due"):
            paragraphs.append(w.say("due", received_date=w.day(facts["received"]), due=w.day(facts["due"], True)))
        paragraphs += _send_on(w, facts, cite)
    elif letter_type == "disagreement":
        # The statement goes into the record (RCW 70.02.110(2)).
        paragraphs.append(w.say("intro", refusal_date=w.day(facts["refusal"]), citation=cite.right("correction-added")))
        paragraphs += [w.say("entry", correction_entry=facts["correction_entry"]),
                       w.say("should-say", correction_should_say=facts["correction_should_say"]),
                       w.say("reason", reason=facts["reason"])]
        paragraphs += _send_on(w, facts, cite)
    elif letter_type == "follow-up":
        rule, kind = facts["rule"], facts["request_type"]
        paragraphs.append(w.say(f"received-{kind}", received_date=w.day(facts["received"])))
        paragraphs.append(w.say(f"due-{rule.unit}", citation=cite(rule.citation, rule.confidence), days=rule.days,
                                due=w.day(facts["due"], True)))
        if facts["delay_notice"]:
            paragraphs.append(w.say(f"extended-{rule.unit}", extended_days=rule.extended_days,
                                    extended_citation=cite(rule.extended_citation, rule.confidence),
                                    extended_due=w.day(facts["extended_due"], True)))
        paragraphs += [w.say("ask"), w.say("next-steps", court_citation=cite.right("court"))]
    elif letter_type == "fee-dispute":
        paragraphs += _fee_dispute(w, facts, cite)
    elif letter_type == "send-copy":
        paragraphs += _send_copy(w, facts, cite)
    elif letter_type == "reply":
        paragraphs += _reply(w, facts, cite)
    elif letter_type == "info-blocking":
        paragraphs += _info_blocking(w, facts, cite)
    elif letter_type in COMPLAINTS:
        paragraphs += _complaint(w, letter_type, facts, cite)
    else:
        paragraphs.append(w.say("intro", refusal_date=w.day(facts["refusal"])))
        paragraphs += _records(w, facts, cite)
        # Both routes (legal-facts.md section 4): Washington's review by a provider the person chooses, and
        # HIPAA's by a professional the provider designates, with HIPAA's narrower ground.
        citation = cite.right("second-review")
        paragraphs += [w.say("reviewer", citation=citation, reviewer_name=facts["reviewer_name"],
                             reviewer_address=facts["reviewer_address"]),
                       w.say("pay", citation=citation),
                       w.say("hipaa-review", citation=cite.right("hipaa-review"),
                             citation1=cite.right("hipaa-review-steps")),
                       w.say("hipaa-ground", citation=cite.right("hipaa-harm-ground"),
                             citation1=cite.right("hipaa-narrower-ground")),
                       w.say("ask")]
    if facts.get("written_in_spanish"):
        paragraphs.append(w.say("written-in-language", "common", language=_language_called(w, reader or lang)))
    contact = ", ".join(part for part in (facts["patient_phone"], facts["patient_email"]) if part)
    if contact:
        paragraphs.append(w.say("contact", "common", contact=contact))
    note = ("translation-note-draft" if letter_type in COMPLAINTS
            else "translation-note-typed" if facts.get("signature") == "typed" else "translation-note")
    # Only the reader's copy has the note (languages.toml `copy`): the letter itself goes out without one.
    head = [w.say(note, "common"), ""] if languages()[lang].copy else []
    for_someone_else = facts.get("requester_role", "self") != "self"
    if for_someone_else:  # the writer's authority and proof come first (legal-facts.md section 13)
        paragraphs[:0] = _representative(w, facts, cite)
    sender = ([facts["requester_name"], facts["requester_address"]] if for_someone_else
              else [facts["patient_name"], facts["patient_address"]])
    # A complaint goes to the agency; every other letter to the provider.
    recipient = ([w.say("to"), law().complaints[COMPLAINTS[letter_type]]["address"]] if letter_type in COMPLAINTS
                 else [facts["provider_name"], facts["provider_address"]])
    head += [w.day(facts["sent"]), "", *[line for line in sender if line], "", *recipient, "",
             f"{w.say('subject-prefix', 'common')} {_subject(letter_type, facts, lang)}",
             w.say("patient-line", "common", patient_name=facts["patient_name"],
                   patient_birth_date=w.day(facts["birth"])),
             "", w.say("salutation", None if letter_type in COMPLAINTS else "common"), ""]
    signer = (w.say("signed-for", "common", requester_name=facts["requester_name"], patient_name=facts["patient_name"])
              if for_someone_else else facts["patient_name"])
    tail = ["", w.say("closing", "common"), "", _signature_line(w, facts), signer]
    if letter_type == "send-copy":  # an authorization must be dated and signed (RCW 70.02.030(3)(a))
        tail.append(w.say("date-line", "send-copy"))
    return "\n".join(head + "\n\n".join(paragraphs).split("\n") + tail) + "\n"


def _sender_name(facts: dict) -> str:
    """Who signs and sends the letter: the writer when someone writes for the patient, else the patient."""
    return facts["requester_name"] if facts.get("requester_role", "self") != "self" else facts["patient_name"]


def _signature_line(w: _Writer, facts: dict) -> str:
    """The blank line to sign by hand (the default), or "/s/ Name" when the person types their signature
    (an electronic signature where the provider deals electronically: RCW 1.80.010(10), 1.80.040(2))."""
    if facts.get("signature") == "typed":
        return w.say("signature-typed", "sending", signer_name=_sender_name(facts))
    return w.say("signature", "common")


def email_draft(subject: str, patient_name: str, english: str, to: str = "") -> dict:
    """The e-mail the person may send from their own mail program, in English (the provider's language;
    its words are English only, `source_only` in letters.toml):
    {"subject": the letter's subject and the patient's name, "body": the English letter as it prints,
    "to": the provider's e-mail address as typed, or "" when not given}."""
    words = letter_words()["sending"]
    return {"subject": words["email-subject"][source_language()].format(subject=subject, patient_name=patient_name),
            "body": english, "to": to}


def printed_pages(text: str) -> int:
    """About how many Letter-size pages `text` prints on: its lines, long ones wrapped at
    fax_characters_per_line, fax_lines_per_page to a page (letters.toml [sending]; our estimate)."""
    words = letter_words()["sending"]
    width, per_page = words["fax_characters_per_line"], words["fax_lines_per_page"]
    lines = sum(max(1, -(-len(line) // width)) for line in text.split("\n"))
    return max(1, -(-lines // per_page))


def fax_cover(facts: dict, subject: str, english: str) -> str:
    """The fax cover sheet, in English, printed as the page before the letter: the date, to whom and the
    fax number, from whom, the number of pages (this sheet and the English letter), the subject, and
    "Please confirm receipt" (a fax confirmation is proof it arrived: legal-facts.md section 12)."""
    words = letter_words()["sending"]

    def say(name: str, **params) -> str:
        return fill(words[name][source_language()], **params)

    lines = [say("fax-title"), "", say("fax-date", date=short_date(facts["sent"], source_language())),
             say("fax-to", provider_name=facts["provider_name"]), say("fax-number", fax=facts["provider_fax"]),
             say("fax-from", sender=_sender_name(facts))]
    if facts.get("patient_phone"):
        lines.append(say("fax-phone", phone=facts["patient_phone"]))
    lines += [say("fax-pages", pages=1 + printed_pages(english)), "", say("fax-subject", subject=subject), "",
              say("fax-confirm")]
    return "\n".join(lines) + "\n"


def _representative(w: _Writer, facts: dict, cite) -> list[str]:
    """Writing for someone else: who the writer is, the law that lets them use the patient's rights, and
    the proof enclosed (our list, legal-facts.md section 13). A next of kin's class is the statute's,
    in the letter's language; a parent does not ask for care the minor controls."""
    role = facts["requester_role"]
    params = {"citation": cite.right(ROLE_AUTHORITY[role])}
    if role in ("parent", "guardian", "health-care-agent"):
        params["hipaa_citation"] = cite.right("representative-hipaa")
    proof = f"proof-{role}"
    if role in ("personal-representative", "next-of-kin"):
        params["hipaa_citation"] = cite.right("deceased-hipaa")
    if role == "next-of-kin":
        kin = next_of_kin_class(facts["requester_relationship"])
        params.update(order_citation=cite.right("decision-makers"),
                      relationship=w.say(f"kin-{kin['value']}", "representative"),
                      familiar=w.say("familiar", "representative") if kin.get("familiar") else "")
        if kin.get("declaration"):
            proof = "proof-close-friend"
    paragraphs = [w.say(f"role-{role}", "representative", **params)]
    if role == "parent":
        paragraphs.append(w.say("parent-minor-care", "representative", citation=cite.right("representative")))
    return paragraphs + [w.say("my-means", "representative"),
                         w.say(proof, "representative", citation=cite.right("close-friend-declaration")
                               if proof == "proof-close-friend" else "")]


def _complaint(w: _Writer, letter_type: str, facts: dict, cite) -> list[str]:
    """A complaint draft: the provider, the request and its due dates, when the person learned of the
    problem, what happened (as typed). OCR's in the order its form asks, with HIPAA's date before
    Washington's (legal-facts.md sections 8 and 14)."""
    right = "hipaa-access" if letter_type == "complaint-ocr" else "access-request"
    address = ", ".join(line.strip() for line in facts["provider_address"].splitlines() if line.strip())
    paragraphs = [w.say("intro", citation=cite.right(right)),
                  w.say("provider", provider_name=facts["provider_name"], provider_address=address)]
    if letter_type == "complaint-ocr":
        if facts.get("provider_phone"):
            paragraphs[-1] += " " + w.say("phone", provider_phone=facts["provider_phone"])
        paragraphs[-1] += " " + w.say("patient" if facts["requester_role"] == "self" else "patient-other")
    if facts.get("care_dates"):
        paragraphs.append(w.say("care", care_dates=facts["care_dates"]))
    if facts.get("due"):
        rule = law().rules["access"]
        if letter_type == "complaint-ocr":
            paragraphs += _ocr_dates(w, facts, cite)
        else:
            paragraphs.append(w.say("request", received_date=w.day(facts["received"]),
                                    citation=cite(rule.citation, rule.confidence), due=w.day(facts["due"], True)))
    if facts.get("problem_date"):
        paragraphs.append(w.say("when", problem_date=w.day(facts["problem_date"])))
    elif letter_type == "complaint-ocr" and facts.get("due"):
        late_from = facts["federal_latest"] + timedelta(days=1)
        paragraphs.append(w.say("when-late", late_from=w.day(late_from)))
    paragraphs.append(w.say("what", complaint_what=facts["complaint_what"]))
    if facts.get("witnesses"):
        paragraphs.append(w.say("witnesses", witnesses=facts["witnesses"]))
    if letter_type == "complaint-ocr":
        file_by = ocr_file_by(facts)
        if file_by and file_by < facts["sent"]:
            paragraphs.append(w.say("late", days=law().complaints["hhs-ocr"]["days"],
                                    citation=cite.right("ocr-good-cause")))
        if facts.get("late_reason"):
            paragraphs.append(w.say("late-reason", late_reason=facts["late_reason"]))
        paragraphs.append(w.say("ask"))
    return paragraphs


def _info_blocking(w: _Writer, facts: dict, cite) -> list[str]:
    """A report of possible information blocking, in the order of the sheet's rows (legal-facts.md
    section 16; the portal's own fields were not found): what it may be, who did it and whom the rule
    applies to, the information and that it is electronic, when and what happened, then the two federal
    doors. It gives no date to file by (none was found) and no Washington deadline (the rule sets no
    fixed number of days)."""
    address = ", ".join(line.strip() for line in facts["provider_address"].splitlines() if line.strip())
    paragraphs = [w.say("intro", citation=cite.right("information-blocking")),
                  w.say(f"who-{facts['actor_kind']}", provider_name=facts["provider_name"], provider_address=address,
                        actor_name=facts.get("actor_name")),
                  w.say("actors", citation=cite.right("information-blocking-actors")),
                  w.say("records", records=facts["records"]),
                  w.say("electronic", citation=cite.right("electronic-health-information"))]
    if facts.get("problem_date"):
        paragraphs.append(w.say("when", problem_date=w.day(facts["problem_date"])))
    return paragraphs + [w.say("what", complaint_what=facts["complaint_what"]),
                         w.say("doors", citation=cite.right("hipaa-access")), w.say("ask")]


def _ocr_dates(w: _Writer, facts: dict, cite) -> list[str]:
    """HIPAA's date for the answer (the one OCR enforces), then Washington's earlier one, which HIPAA
    leaves in place (legal-facts.md section 8, the sheet's wording)."""
    federal, rule = facts["federal"].rule, law().rules["access"]
    dates = {"received_date": w.day(facts["received"]), "citation": cite(federal.citation, federal.confidence),
             "days": federal.days, "extended_days": federal.extended_days,
             "federal_due": w.day(facts["federal_due"], True),
             "federal_extended_due": w.day(facts["federal_extended_due"], True)}
    request = w.say("request-noticed" if facts["delay_notice"] else "request", **dates)
    if not facts.get("problem_date"):  # the complaint is about the late answer itself
        request += " " + w.say("not-yet")
    return [request, w.say("state", state_citation=cite.right("state-law-applies"),
                           citation=cite(rule.citation, rule.confidence), due=w.day(facts["due"], True))]


def ocr_file_by(facts: dict) -> date | None:
    """The last day to file with HHS OCR (deadlines.ocr_last_day): counted from the day the person learned
    of the problem, or, not knowing that day, from the day after HIPAA's date for the answer (its
    extended date after a written notice in time). None when neither is known."""
    if facts.get("problem_date"):
        return ocr_last_day(facts["problem_date"])
    if facts.get("federal_latest"):
        return ocr_last_day(facts["federal_latest"] + timedelta(days=1))
    return None


def _reply(w: _Writer, facts: dict, cite) -> list[str]:
    """The first request and its due date (or, without it, a copy enclosed), then the situation's
    paragraphs that fit the writer's role, each citing its rows."""
    words = letter_words()["reply"]
    names = [name for name in words["situations"][facts["situation"]]
             if facts["requester_role"] in words.get("for_roles", {}).get(name, [facts["requester_role"]])]
    if facts.get("due"):
        rule = law().rules["access"]
        paragraphs = [w.say("first-request", received_date=w.day(facts["received"]),
                            citation=cite(rule.citation, rule.confidence), due=w.day(facts["due"], True))]
    else:
        paragraphs = [w.say("first-request-undated")]
        if "enclosed" not in names:
            paragraphs.append(w.say("enclosed"))
    # Our suggestion, not law: the rest is asked for by Washington's date, or a set number of working
    # days after the letter if that is later (a reasonable time to answer the letter itself).
    wait = letter_words()["calendar"]["follow_up_wait_working_days"]
    rest_by = max(filter(None, (facts.get("due"), add_working_days(facts["sent"], wait).due)))
    filled = {"missing": {"missing_records": facts.get("missing_records")}, "ask-rest": {"by": w.day(rest_by, True)},
              "ask-records": {"by": w.day(rest_by, True)}}
    for name in names:
        if name == "missing" and not facts.get("missing_records"):
            continue
        cited = [cite.right(row, whole=True) for row in words.get("cites", {}).get(name, [])]
        paragraphs.append(w.say(name, **{f"citation{index or ''}": text for index, text in enumerate(cited)},
                                **filled.get(name, {})))
    return paragraphs


def _expiration_words(w: _Writer, facts: dict) -> str:
    """When the authorization ends: the chosen end in the letter's words, or the person's own words."""
    kind = facts["expiration_kind"]
    if kind == "other":
        return facts["expiration"]
    return fill(w.words["send-copy"]["ends"][kind][w.lang], date=kind == "date" and w.day(facts["expiration_date"]))


def _send_copy(w: _Writer, facts: dict, cite) -> list[str]:
    """A Washington and HIPAA authorization in one, for ordinary records: the six elements of RCW
    70.02.030(3) (the date and signature at the foot, the patient in the heading), the HIPAA statements,
    the line that psychotherapy notes need their own authorization, and the fee rule."""
    right = cite.right
    notes_only = facts["special_records"] == ("psychotherapy-notes",)
    paragraphs = [w.say("intro", citation=right("authorization"), hipaa_citation=right("authorization-hipaa"))]
    # The directive is the access right's; psychotherapy notes are outside that right (45 CFR 164.524(a)(1)).
    if facts["copy_form"] == "electronic" and not notes_only:
        paragraphs.append(w.say("directive", citation=right("directive")))
    # The records and their dates are elements of the authorization (RCW 70.02.030(3)(b)): in its block.
    records = _records(w, facts, cite)
    paragraphs += [
        "\n".join([w.say("sender", provider_name=facts["provider_name"],
                          provider_address=", ".join(line.strip() for line in facts["provider_address"].splitlines()
                                                     if line.strip())),
                   records[0],
                   w.say("recipient", recipient_name=facts["recipient_name"]),
                   w.say("affiliation", recipient_affiliation=facts["recipient_affiliation"]),
                   w.say("where", recipient_address=facts["recipient_address"]),
                   w.say(f"form-{facts['copy_form']}"), w.say("purpose"),
                   w.say("expires", expiration=_expiration_words(w, facts))]),
        *records[1:],
        *_special_records(w, facts, cite),
        w.say("psychotherapy-only", citation=right("psychotherapy-authorization"),
              wa_citation=right("psychotherapy-release-wa")) if notes_only
        else w.say("psychotherapy", citation=right("psychotherapy-authorization")),
        w.say("revoke", citation=right("revocation"), hipaa_citation=right("revocation-hipaa")),
        w.say("condition"), w.say("redisclose"),
        w.say("fee", citation=right("third-party-fees")),
    ]
    return paragraphs


def _check_records(facts: dict) -> None:
    """Which records, checked together: a range of dates of care that ends before it starts is refused
    at its "to" day; psychotherapy notes only alone, in an authorization of their own (45 CFR
    164.508(b)(3)(ii); legal-facts.md section 11), so anything else ticked or typed beside them is
    refused at that question."""
    if facts.get("records_from") and facts.get("records_to") and facts["records_to"] < facts["records_from"]:
        raise CalculatorError("records-range-backwards", "records_to")
    special = facts.get("special_records") or ()
    if "psychotherapy-notes" in special and (len(special) > 1 or facts.get("records_kinds") or facts.get("records")):
        raise CalculatorError("psychotherapy-notes-alone", "special_records")


def _records(w: _Writer, facts: dict, cite) -> list[str]:
    """Which records, as the letter `w` words them: a list of what was ticked, each in the law's words with
    its citation, then what was typed; then the dates of care (all dates, citing 45 CFR 164.524(a)(1) in a
    request for one's own records) and, for images or billing records, what to do if another office keeps
    them, all in the letter's one paragraph on records (so the longest letter still prints on one page).
    With nothing ticked and no range, the person's own words say which records and which dates: the one
    line the letter always had (so an answers file or case file from before these questions writes the
    same letter), or none in a second review left blank."""
    words = w.words["records"]
    kinds, special = facts.get("records_kinds") or (), facts.get("special_records") or ()
    dates = facts.get("records_dates")
    if not kinds and not special and dates != "range":
        return [w.say("records", records=facts["records"])] if facts["records"] else []
    lines = [words["kind"][kind][w.lang].format(citation=_kind_citation(kind, cite)) for kind in kinds]
    lines += [words["special"][kind][w.lang] for kind in special]
    if not lines:  # only typed words, with dates: the letter's own line, then the dates
        listed = w.say("records", records=facts["records"])
    else:
        if facts["records"]:
            lines.append(w.say("other", "records", records=facts["records"]))
        listed = "\n".join([w.say("records-list")] + [f"- {line}" for line in lines])
    if dates == "range":
        when = w.say("dates-range", "records", records_from=w.day(facts["records_from"]),
                     records_to=w.day(facts["records_to"]))
    elif w.section == "access":
        when = w.say("dates-all-access", "records", citation=cite.right("all-dates"))
    else:
        when = w.say("dates-all", "records")
    # The dates under the records they limit, in one paragraph (a letter that fits one printed page).
    paragraphs = [f"{listed}\n{when}"]
    if "images" in kinds or "billing" in kinds:
        paragraphs.append(w.say("kept-elsewhere", "records", citation=cite.right("kept-elsewhere"),
                                hipaa_citation=cite.right("kept-elsewhere-hipaa"),
                                set_citation=cite.right("designated-record-set")))
    return paragraphs


# The rights.toml row each ticked kind of record cites in its line (kinds not listed cite nothing).
KIND_CITATIONS = {"images": "images-included", "billing": "designated-record-set",
                  "designated-record-set": "designated-record-set", "ehi-export": "electronic-copy-required"}


def _kind_citation(kind: str, cite) -> str | None:
    return cite.right(KIND_CITATIONS[kind]) if kind in KIND_CITATIONS else None


def _special_records(w: _Writer, facts: dict, cite) -> list[str]:
    """Records named on purpose in an authorization (legal-facts.md sections 11 and 20): why they are
    named, the STD notice rule, and that a Part 2 program may ask for its own form (never that this
    letter is a Part 2 consent). Psychotherapy notes are said in their own paragraph."""
    special = [kind for kind in facts.get("special_records") or () if kind != "psychotherapy-notes"]
    if not special:
        return []
    paragraphs = [w.say("special-named", citation=cite.right("authorization-specific"))]
    if "hiv-std" in special:
        paragraphs.append(w.say("special-std", citation=cite.right("std-redisclosure")))
    if "sud" in special:
        paragraphs.append(w.say("special-sud"))
    return paragraphs


def _fee_dispute(w: _Writer, facts: dict, cite) -> list[str]:
    """The bill, the limits in force on the day the request arrived, each charge over them, and the ask."""
    check = facts["bill"]
    schedule, hipaa, tiers = check.schedule, law().hipaa, law().first_tier_pages
    bill_date = facts.get("bill_date")
    paragraphs = [w.say("intro-dated" if bill_date else "intro", bill_date=bill_date and w.day(bill_date),
                        total=money(check.billed_total), pages=w.pages(check.pages), received_date=w.day(check.received))]
    if check.free_rule:
        paragraphs.append(w.say("free", citation=cite(check.free_rule.citation, check.free_rule.confidence),
                                years=check.free_rule.lookback_years))
    else:
        rule, filing = (part.strip() for part in schedule.citation.split(",", 1))
        current = w.say("limits-current") if schedule == law().schedules[-1] else ""
        paragraphs.append(w.say("limits", citation=cite(rule, schedule.confidence), filing=filing, current=current,
                                first_rate=money(schedule.first_tier_per_page), last=tiers,
                                later_rate=money(schedule.later_per_page), clerical=money(schedule.clerical_fee),
                                pages=w.pages(check.pages), allowed=money(check.allowed("washington"))))
    over = [line for line in check.lines if line.washington_max is not None and line.billed > line.washington_max]
    if over:
        paragraphs.append("\n".join([w.say("over-intro-free" if check.free_rule else "over-intro")] + [
            w.say("over-line", charge=_charge_words(w, line), billed=money(line.billed),
                  limit=money(line.washington_max), over=money(line.billed - line.washington_max)) for line in over]))
    if check.hipaa_applies:
        sentences = [w.say("hipaa", citation=cite.right("cost-based-fee"))]
        if any(line.id == "clerical" for line in check.lines):
            sentences.append(w.say("hipaa-clerical"))
        if check.form == "electronic":  # no "most" in dollars: labor cost or the flat fee instead
            paragraphs.append(" ".join(sentences))
            paragraphs.append(w.say("hipaa-electronic", flat=money(Decimal(hipaa["electronic_flat_fee_max"])),
                                    citation=cite.right("hhs-electronic-fee")))
        else:
            sentences.append(w.say("hipaa-most", allowed=money(check.allowed("hipaa"))))
            paragraphs.append(" ".join(sentences))
    elif check.recipient == "someone-else":
        paragraphs.append(w.say("third-party", citation=cite(schedule.citation.split(",")[0], "I")))
    if any(line.id.startswith("other-") and line.washington_max == 0 for line in check.lines) and not check.free_rule:
        pfml = law().pfml
        paragraphs.append(w.say("pfml", citation=cite(pfml.no_fee_citation, pfml.confidence)))
    for line in check.lines:
        if line.at_cost:  # the rule names it: no question which rule allows it
            paragraphs.append(w.say(f"at-cost-{line.kind}", charge=_charge_words(w, line), amount=money(line.billed),
                                    citation=cite(hipaa[f"{line.kind}_citation"], hipaa["at_cost_confidence"])))
        elif line.unchecked:
            paragraphs.append(w.say("unchecked-cost" if line.kind in AT_COST_KINDS else "unchecked",
                                    charge=_charge_words(w, line), amount=money(line.billed)))
    over_hipaa = check.hipaa_applies and check.over("hipaa") > 0
    paragraphs.append(w.say("ask-free" if check.free_rule else "ask" if over or over_hipaa else "ask-explain"))
    return paragraphs


def bill_totals_text(check: BillCheck, lang: str) -> list[str]:
    """What a bill's answer leads with, on the fee check and above the fee-dispute letter: how much the
    bill is over the Washington maximum and, for your own copy, over the HIPAA limit (our reading)."""
    if not check.checks("washington"):
        sentences = [say("bill.heading-unchecked", lang)]
    else:
        key = "bill.heading-over" if check.over("washington") else "bill.heading-within"
        sentences = [say(key, lang, over=money(check.over("washington")), allowed=money(check.allowed("washington")))]
    if check.hipaa_applies and not check.checks("hipaa"):
        sentences.append(say("bill.heading-hipaa-none", lang))
    elif check.hipaa_applies:
        key = "bill.heading-hipaa-over" if check.over("hipaa") else "bill.heading-hipaa-within"
        sentences.append(say(key, lang, over=money(check.over("hipaa")), allowed=money(check.allowed("hipaa"))))
    return sentences


def _charge_words(w: _Writer, line) -> str:
    if line.id == "first-tier":
        return w.say("charge-first-tier", last=law().first_tier_pages, pages=w.pages(line.pages), rate=money(line.billed_rate))
    if line.id == "later":
        return w.say("charge-later", first=law().first_tier_pages + 1, pages=w.pages(line.pages), rate=money(line.billed_rate))
    if line.id == "clerical":
        return w.say("charge-clerical")
    if line.id == "total":
        return w.say("charge-total", pages=w.pages(line.pages))
    return w.say("charge-other", label=line.label) if line.label else w.say(f"charge-{line.kind}-unnamed")


def _subject(letter_type: str, facts: dict, lang: str) -> str:
    w = _Writer(letter_type, lang)
    if letter_type == "follow-up":
        return w.say(f"subject-{facts['request_type']}")
    if letter_type == "reply":
        return w.say("subject", reply_date=w.day(facts["reply_date"])) if facts.get("reply_date") \
            else w.say("subject-undated")
    return w.say("subject")


def _send_on(w: _Writer, facts: dict, cite) -> list[str]:
    """Who gets the change: the payers Washington names, then the people the person names. Only a
    correction cites HIPAA's duty to tell them (45 CFR 164.526(c)(3) is about an accepted amendment)."""
    lines = [w.say("send-on", citation=cite.right("correction-sent-on"))]
    if facts["notify_others"]:
        hipaa = cite.right("correction-notify-hipaa") if w.section == "correction" else None
        lines.append(w.say("others", notify_others=facts["notify_others"], citation=hipaa))
    return lines


def letter_json(letter: Letter) -> dict:
    """The JSON contract: {"type", "letter", "translation", "dates", "sources", "email", "fax_cover"}:
    `email` is {"subject", "body", "to"} in English; `fax_cover` the cover sheet's English text, or None without
    a fax number."""
    dates = None
    if letter.due:
        dates = {"due": letter.due.isoformat(),
                 "extended_due": letter.extended_due.isoformat() if letter.extended_due else None,
                 "follow_up": letter.follow_up.isoformat(),
                 "federal_due": letter.federal.due.isoformat() if letter.federal else None,
                 "federal_extended_due": letter.federal.extended_due.isoformat() if letter.federal else None}
    elif letter.file_by:
        dates = {"due": None, "extended_due": None, "follow_up": None, "file_by": letter.file_by.isoformat()}
    return {"type": letter.type, "letter": letter.english, "translation": letter.translation,
            "dates": dates, "sources": letter.sources, "email": letter.email, "fax_cover": letter.fax_cover}


def letter_dates_text(letter: Letter) -> list[str]:
    """The letter's dates as sentences in the letter's language, for the page beside the letter; for a
    fee dispute, led by the bill's totals (the same sentences as the fee check's)."""
    totals = bill_totals_text(letter.bill, letter.lang) if letter.bill else []
    return totals + _dates_lines(letter)


def _dates_lines(letter: Letter) -> list[str]:
    words = letter_words()["summary"]

    def say(name: str, **params) -> str:
        return fill(words[name][letter.lang], **params)

    notes = []
    if letter.type == "send-copy" and letter.ssa_appeal:
        notes.append(say("ssa-send-copy"))
    if letter.type == "send-copy" and "sud" in letter.special_records:
        notes.append(say("part2-send-copy"))
    if letter.requester_role == "parent":
        notes.append(say("parent-minor", citation=law().rights["representative"]["citation"],
                         groups=minor_care_text(letter.lang)))
    if letter.type == "complaint-ocr":
        ocr = law().complaints["hhs-ocr"]
        if letter.file_by:
            key = "file-ocr-by" if letter.problem_given else "file-ocr-by-due"
            lines = [say(key, file_by=long_date(letter.file_by, letter.lang), days=ocr["days"], citation=ocr["citation"],
                         federal_latest=letter.federal_latest and long_date(letter.federal_latest, letter.lang))]
            if letter.file_by < letter.sent:
                lines.append(say("file-ocr-late"))
        else:
            lines = [say("file-ocr-within", days=ocr["days"], citation=ocr["citation"])]
        lines.append(say("file-ocr-how", portal=ocr["portal"], email=ocr["email"], address=ocr["address"],
                         phone=ocr["phone"]))
        if letter.requester_role in ("personal-representative", "next-of-kin"):
            lines.append(say("file-ocr-deceased"))
        elif letter.requester_role != "self":
            lines.append(say("file-ocr-consent"))
        return lines + notes
    if letter.type == "info-blocking":  # no date to file by: none was found (legal-facts.md section 16)
        portal, rights = law().complaints["astp-onc"], law().rights
        return [say("file-ib-how", portal=portal["portal"], website=portal["website"]),
                say("file-ib-electronic", citation=rights["electronic-health-information"]["citation"]),
                say("file-ib-after"),
                say("file-ib-doors", citation=portal["citation"], hipaa_citation=rights["hipaa-access"]["citation"]),
                say("file-ib-no-deadline")] + notes
    if letter.type == "reply":  # its first request's dates have passed: only what to keep
        return [say("keep")] + notes
    if letter.type == "complaint-doh":
        doh = law().complaints["doh"]
        return [say("file-doh-how", address=doh["address"], phone=doh["phone"])] + notes
    if letter.due is None:
        return [say("no-dates") if letter.type in REQUEST_LETTERS else say("keep")] + notes
    lines = [say("due", due=long_date(letter.due, letter.lang), citation=letter.rule.citation)]
    if letter.extended_due:
        lines.append(say("extended", extended_due=long_date(letter.extended_due, letter.lang)))
    if letter.federal:
        federal = letter.federal
        lines.append(say("federal", federal_due=long_date(federal.due, letter.lang), citation=federal.rule.citation,
                         federal_extended_due=long_date(federal.extended_due, letter.lang), days=federal.rule.days))
    reminder = "after-follow-up" if letter.type == "follow-up" else "follow-up"
    lines.append(say(reminder, follow_up=long_date(letter.follow_up, letter.lang)))
    return lines + notes


def minor_care_text(lang: str) -> str:
    """The care a minor may consent to alone, by age (writers.toml), in `lang`: "at 13, mental health
    treatment and outpatient substance use treatment; at 14, …; at any age, …"."""
    words = letter_words()["summary"]
    by_age: dict[int, list[str]] = {}
    for row in writers()["minor_care"]:
        by_age.setdefault(row["age"], []).append(row["label"][lang])
    groups = [words["minor-group" if age else "minor-group-any"][lang].format(
        age=age, care=words["minor-and"][lang].join(cares)) for age, cares in sorted(by_age.items(), key=lambda
                                                                                        item: item[0] or 999)]
    return "; ".join(groups)


def letter_text(letter: Letter) -> str:
    """The letter as plain text; with a Spanish copy, the copy follows after a line of dashes."""
    if letter.translation is None:
        return letter.english
    return f"{letter.english}\n{'-' * 60}\n\n{letter.translation}"


def letter_html(letter: Letter) -> str:
    """A small self-contained HTML document of the letter (and the Spanish copy on its own page)."""
    title = letter.subject
    sections = [f'<section lang="{letter_language(letter.lang)}"><pre>{escape(letter.english)}</pre></section>']
    if letter.translation:
        sections.append(f'<section lang="{letter.lang}" class="copy"><pre>{escape(letter.translation)}</pre></section>')
    return (f"<!DOCTYPE html>\n<html lang=\"{letter_language(letter.lang)}\">\n<head>\n<meta charset=\"utf-8\">\n"
            f"<title>{escape(title)}</title>\n"
            "<style>body{font:12pt/1.5 Georgia,serif;margin:2cm;max-width:40em}"
            "pre{white-space:pre-wrap;font:inherit}.copy{break-before:page;border-top:1px solid;margin-top:2em}"
            "</style>\n</head>\n<body>\n" + "\n".join(sections) + "\n</body>\n</html>\n")


# Stand-in dates for a sample letter: each formats to a string no real letter date would, and is then
# replaced by its blank. Chosen so that a follow-up's due date has passed by the letter's date.
_SAMPLE_DATES = {"patient_birth_date": date(1951, 1, 2), "received_date": date(2025, 2, 3),
                 "refusal_date": date(2025, 2, 4), "sent_date": date(2025, 4, 1)}


def sample_letter(letter_type: str, lang: str, reader_copy: bool = False) -> str:
    """A fill-in-the-blanks `letter_type` letter for the guide's page: the English letter (or, with
    `reader_copy`, the copy's words in `lang`) with blanks such as "[Your full name]" in `lang`, so a
    Spanish reader sees what to fill in even on the English letter they will send."""
    blanks = {name: text[lang] for name, text in letter_words()["sample"].items()}
    asked = {question.name: question for question in questions().for_letter(letter_type)}
    answers = {key: blanks[key] for key, question in asked.items()
               if key in blanks and question.kind in ("text", "long-text")}
    answers.update({key: day.isoformat() for key, day in _SAMPLE_DATES.items()
                    if key in asked and (key != "received_date" or key in required_questions(letter_type))})
    answers.update({"copy_form": "paper"})
    if letter_type == "fee-dispute":
        answers.update(letter_words()["sample_bill"])
    if letter_type == "reply":
        answers["situation"] = letter_words()["reply"]["sample_situation"]
    text_lang = lang if reader_copy else letter_language(lang)
    built = build_letter(letter_type, answers, text_lang)
    text = built.translation if reader_copy else built.english
    replacements = {short_date(day, text_lang): blanks[key] for key, day in _SAMPLE_DATES.items()}
    if built.due:
        replacements[long_date(built.due, text_lang)] = blanks["due"]
    for stand_in, blank in replacements.items():
        text = text.replace(stand_in, blank)
    if reader_copy:  # the page explains the copy; the note at its top is for a built letter
        text = text.split("\n", 2)[2]
    return text
