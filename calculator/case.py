"""The case a person keeps: a file they own (format "wa-medical-records-case", version 2), and the whole
timeline worked out from its log.

A case holds its providers (each one entry of the provider form in data/questions.toml: id, name,
address, …), the letter answers, a log of what happened (each entry one question of the log form:
provider, event, date, request, …) and the letters made. A log entry or a letter without a provider is
about the case's first one. A version-1 file had no providers: it reads as one provider, named by its
answers (case_providers), and is written back as version 2 (current_version). `read_case` checks a case and
returns it unchanged; `case_timeline` works out, for each request in the log, every date that follows
from it with the calculator's own counting, today's status and the next step. "Today" is always passed
in (the browser's date, or the CLI's --today): nothing here reads a clock.

Conventions: day 0 is the day the provider received the request (the log's "received" entry); a date
"has passed" when it is before today; a request is "overdue since" the day after its latest allowed date.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date, timedelta

from .counting import add_working_days, next_working_day
from .deadlines import Deadline, deadline, federal_deadline, federal_latest, ocr_last_day
from .errors import CalculatorError
from .inputs import echo, hidden_characters, nesting_depth, read_iso_date, read_json
from .law import law, letter_words, messages
from .legal_holidays import is_working_day
from .questions import only_characters, questions

FORMAT = "wa-medical-records-case"
VERSION = 2
# A case file is small: the answers (at most about 24,000 characters), a log of short notes, and the
# letters made (a few thousand characters each). These limits refuse anything far bigger before it is read.
MAX_CASE_CHARS = 400_000
MAX_CASE_DEPTH = 5  # the case, its log, an entry (or its answers, an "other charge" line)
MAX_LOG_ENTRIES = 200
MAX_LETTERS = 30
MAX_LETTER_CHARS = 30_000
TOP_LEVEL = ("format", "version", "providers", "answers", "log", "letters")
LETTER_KEYS = ("type", "made", "letter", "translation", "provider")
# A provider's id: short, plain and safe in a shell command (the CLI's --provider).
_PROVIDER_ID = re.compile(r"[A-Za-z0-9][A-Za-z0-9_-]{0,39}")
# The id of the one provider a version-1 file (or a file without "providers") is read as.
FIRST_PROVIDER_ID = "provider-1"
REQUESTS = ("access", "correction")
# The events that end the wait for an answer, and what each lets the person do next.
OUTCOMES = ("answer", "partial", "refusal", "reply")
_ISO_DATE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")


def _words(group: str, name: str) -> dict:
    """A phrase of messages.toml [case-file] in both languages, for an error message's parameter."""
    return messages()["case-file"][f"{group}-{name}"]


def _where(kind: str, index: int | None = None) -> dict:
    """Where in the file a problem is, in both languages ("log entry 3")."""
    return {lang: text.format(n=(index or 0) + 1) for lang, text in _words("where", kind).items()}


def _expected(kind: str) -> dict:
    return _words("expected", kind)


def _text(value, where: dict, name: str, limit: int, required: bool = False, one_line: bool | None = None,
          characters: str | None = None) -> None:
    """A text of at most `limit` characters. An answer the form shows (`one_line` True for a one-line
    field, False for a long one) must hold nothing that field would change or the letter would drop:
    no hidden character (inputs.HIDDEN_CATEGORIES), and no line break in a one-line answer; a question
    with `characters` (a fax number) holds only those. Refused, not mended, so that opening a case and
    saving it again gives back each answer exactly as written."""
    if value is None and not required:
        return
    if not isinstance(value, str):
        raise CalculatorError("case-wrong-type", "case", where=where, name=echo(name), expected=_expected("text"))
    if len(value) > limit:
        raise CalculatorError("case-text-too-long", "case", where=where, name=echo(name), limit=f"{limit:,}")
    if one_line is not None and hidden_characters(value, keep="" if one_line else "\n\r"):
        raise CalculatorError("case-hidden-character", "case", where=where, name=echo(name))
    if characters and value and not only_characters(value, characters):
        raise CalculatorError("case-wrong-type", "case", where=where, name=echo(name), expected=_expected("characters"))


def _iso(value, where: dict, name: str) -> date:
    """A date written YYYY-MM-DD inside the calculator's years (data/coverage.toml), whose counting
    (holidays, deadlines) it knows."""
    if not isinstance(value, str) or not _ISO_DATE.fullmatch(value):
        raise CalculatorError("case-bad-date", "case", where=where, name=echo(name), value=echo(value))
    try:
        day = date.fromisoformat(value)
    except ValueError:
        raise CalculatorError("case-bad-date", "case", where=where, name=echo(name), value=echo(value)) from None
    first, last = _years()
    if not first <= day <= last:
        raise CalculatorError("case-date-out-of-years", "case", where=where, name=echo(name), value=value,
                              first=first, last=last)
    return day


def _years() -> tuple[date, date]:
    """The first and last day of the calculator's years: 1 January of covered_from's year to 31 December
    of covered_until's year."""
    return date(law().covered_from.year, 1, 1), date(law().covered_until.year, 12, 31)


def parse_case(text) -> dict:
    """A case file's text read as JSON and checked (see check_case); raises CalculatorError (field "case")."""
    if not isinstance(text, str):
        raise CalculatorError("case-not-json", "case")
    if len(text) > MAX_CASE_CHARS:
        raise CalculatorError("case-too-big", "case", limit=f"{MAX_CASE_CHARS:,}")
    if nesting_depth(text) > MAX_CASE_DEPTH:
        raise CalculatorError("case-not-ours", "case")
    try:
        data = read_json(text)
    except (ValueError, RecursionError):
        raise CalculatorError("case-not-json", "case") from None
    return check_case(data)


def check_case(data) -> dict:
    """`data` if it is a case this guide can read, else CalculatorError naming what is wrong and where.
    Checks the format and version, each answer against its question (kind, limit), each log entry
    against the log form's questions, and the letters; returns `data` itself, unchanged."""
    if not isinstance(data, dict) or data.get("format") != FORMAT:
        raise CalculatorError("case-not-ours", "case")
    version = data.get("version")
    if isinstance(version, bool) or not isinstance(version, int) or version < 1:
        raise CalculatorError("case-wrong-type", "case", where=_where("file"), name="version",
                              expected=_expected("version"))
    if version > VERSION:
        raise CalculatorError("case-newer-version", "case", version=version, ours=VERSION)
    for name in data:
        if name not in TOP_LEVEL:
            raise CalculatorError("case-unknown-name", "case", where=_where("file"), name=echo(name))
    _check_answers(data.get("answers", {}))
    _check_providers(data.get("providers", []))
    ids = provider_ids(data)
    log = data.get("log", [])
    if not isinstance(log, list):
        raise CalculatorError("case-wrong-type", "case", where=_where("file"), name="log", expected=_expected("list"))
    if len(log) > MAX_LOG_ENTRIES:
        raise CalculatorError("case-too-many", "case", limit=MAX_LOG_ENTRIES, what=_words("what", "log"))
    for index, entry in enumerate(log):
        read_log_entry(entry, index, ids)
    letters = data.get("letters", [])
    if not isinstance(letters, list):
        raise CalculatorError("case-wrong-type", "case", where=_where("file"), name="letters",
                              expected=_expected("list"))
    if len(letters) > MAX_LETTERS:
        raise CalculatorError("case-too-many", "case", limit=MAX_LETTERS, what=_words("what", "letters"))
    for index, made in enumerate(letters):
        _check_letter(made, index, ids)
    return data


def max_providers() -> int:
    """The most providers a case holds ([form.provider] limit in data/questions.toml)."""
    return questions().forms["provider"]["limit"]


def _check_providers(providers) -> None:
    """Each provider one entry of the provider form, with an id of its own (_PROVIDER_ID)."""
    if not isinstance(providers, list):
        raise CalculatorError("case-wrong-type", "case", where=_where("file"), name="providers",
                              expected=_expected("list"))
    if len(providers) > max_providers():
        raise CalculatorError("case-too-many", "case", limit=max_providers(), what=_words("what", "providers"))
    asked = {q.saved_as: q for q in questions().for_form("provider")}
    seen = set()
    for index, provider in enumerate(providers):
        where = _where("providers", index)
        if not isinstance(provider, dict):
            raise CalculatorError("case-wrong-type", "case", where=where, name="providers", expected=_expected("object"))
        for name in provider:
            if name != "id" and name not in asked:
                raise CalculatorError("case-unknown-name", "case", where=where, name=echo(name))
        ident = provider.get("id")
        if not isinstance(ident, str) or not _PROVIDER_ID.fullmatch(ident):
            raise CalculatorError("case-wrong-type", "case", where=where, name="id", expected=_expected("provider-id"))
        if ident in seen:
            raise CalculatorError("case-provider-twice", "case", where=where, value=ident)
        seen.add(ident)
        for name, question in asked.items():
            _text(provider.get(name), where, name, question.limit, required=name in _required_provider_names(),
                  one_line=question.kind == "text", characters=question.characters)


def _required_provider_names() -> tuple[str, ...]:
    return tuple(q.saved_as for q in questions().for_form("provider") if q.required)


def case_providers(case: dict) -> list[dict]:
    """The case's providers as the file holds them; for a file without any (version 1), one provider
    whose name and address are the answers' provider_name and provider_address, id FIRST_PROVIDER_ID."""
    if case.get("providers"):
        return case["providers"]
    answers = case.get("answers", {})
    provider = {"id": FIRST_PROVIDER_ID}
    for question in questions().for_form("provider"):
        if isinstance(answers.get(question.fills), str):
            provider[question.saved_as] = answers[question.fills]
    provider.setdefault("name", "")
    return [provider]


def provider_ids(case: dict) -> tuple[str, ...]:
    """The ids of the case's providers, in the file's order (the first one is a log entry's default)."""
    return tuple(provider["id"] for provider in case_providers(case))


def current_version(case: dict) -> dict:
    """A checked case as this version writes it: version 2, with its providers (a version-1 file's one
    provider made from its answers). The answers, log and letters are kept as they are."""
    return {"format": FORMAT, "version": VERSION, "providers": case_providers(case),
            **{name: case[name] for name in ("answers", "log", "letters") if name in case}}


def provider_answers(provider: dict) -> dict:
    """The letter answers a provider of the case gives a letter made for it: provider_name,
    provider_address, … (each provider question's `fills`, where the builder asks such a question)."""
    known = questions().questions
    return {question.fills: provider[question.saved_as] for question in questions().for_form("provider")
            if question.fills in known and provider.get(question.saved_as) not in (None, "")}


def provider_fields(provider: dict) -> dict:
    """Every letter answer a provider of the case fills, "" for a part it has not given: what the page
    puts into the form for that provider, so nothing of another provider stays there."""
    known = questions().questions
    return {question.fills: provider.get(question.saved_as) or "" for question in questions().for_form("provider")
            if question.fills in known}


def answers_for_provider(answers: dict, provider: dict) -> dict:
    """"Make this letter for another provider": `answers` with the other provider's name, address (and
    fax, e-mail) in place of the first one's; a part the other provider has not given is left out."""
    filled = {question.fills for question in questions().for_form("provider")}
    return {**{name: value for name, value in answers.items() if name not in filled}, **provider_answers(provider)}


def find_provider(case: dict, ident) -> dict:
    """The provider of the case with this id; CalculatorError "case-provider-unknown" naming the ids."""
    for provider in case_providers(case):
        if provider["id"] == ident:
            return provider
    raise CalculatorError("case-provider-unknown", "provider", value=echo(ident or ""),
                          ids=", ".join(provider_ids(case)))


def _check_answers(answers) -> None:
    where = _where("answers")
    if not isinstance(answers, dict):
        raise CalculatorError("case-wrong-type", "case", where=_where("file"), name="answers",
                              expected=_expected("object"))
    asked = {q.name: q for q in questions().questions.values() if q.letters}
    for name, value in answers.items():
        question = asked.get(name)
        if question is None:
            raise CalculatorError("case-unknown-name", "case", where=where, name=echo(name))
        kind = question.kind
        if kind in ("text", "long-text"):
            _text(value, where, name, question.limit, one_line=kind == "text", characters=question.characters)
        elif kind in ("date", "choice"):
            _text(value, where, name, question.limit or 100)
        elif kind == "choices" and not (isinstance(value, list) and len(value) <= len(question.choices) and all(
                isinstance(item, str) and len(item) <= 100 for item in value)):
            raise CalculatorError("case-wrong-type", "case", where=where, name=echo(name), expected=_expected("list"))
        elif kind == "yes-no" and not isinstance(value, bool):
            raise CalculatorError("case-wrong-type", "case", where=where, name=echo(name), expected=_expected("yes-no"))
        elif kind in ("number", "money") and (isinstance(value, bool) or not isinstance(value, (str, int, float))):
            raise CalculatorError("case-wrong-type", "case", where=where, name=echo(name), expected=_expected("number"))
        elif kind == "lines" and not (isinstance(value, list) and len(value) <= 20 and all(
                isinstance(line, dict) and all(isinstance(part, (str, int, float)) and not isinstance(part, bool)
                                               and len(str(part)) <= 200 for part in line.values())
                for line in value)):
            raise CalculatorError("case-wrong-type", "case", where=where, name=echo(name), expected=_expected("lines"))


@dataclass(frozen=True)
class LogEntry:
    """One checked line of the log: what happened (`event`), on what day, about which request."""
    index: int
    event: str
    date: date
    request: str
    letter: str | None = None
    grounds: str | None = None
    situation: str | None = None
    how: str = ""
    note: str = ""
    provider: str = FIRST_PROVIDER_ID


def read_log_entry(entry, index: int, providers: tuple[str, ...] = (FIRST_PROVIDER_ID,)) -> LogEntry:
    """Log entry number `index` (0-based) checked against the log form's questions (data/questions.toml).
    `providers`: the case's provider ids; an entry naming another is refused, one naming none is about
    the first."""
    where = _where("log", index)
    if not isinstance(entry, dict):
        raise CalculatorError("case-wrong-type", "case", where=where, name="log", expected=_expected("object"))
    asked = {q.saved_as: q for q in questions().for_form("log")}
    for name in entry:
        if name not in asked:
            raise CalculatorError("case-unknown-name", "case", where=where, name=echo(name))
    values = {}
    for name, question in asked.items():
        value = entry.get(name)
        if value is None:
            if question.required:
                raise CalculatorError("case-missing", "case", where=where, name=name)
            values[name] = question.default if question.kind == "choice" and question.default else None
            continue
        if question.filled_from == "case-providers":
            values[name] = _provider_of(value, providers, where, name)
        elif question.kind == "date":
            values[name] = _iso(value, where, name)
        elif question.kind == "choice":
            allowed = tuple(choice.value for choice in question.choices)
            if value not in allowed:
                raise CalculatorError("case-bad-choice", "case", where=where, name=name, value=echo(value),
                                      allowed=", ".join(allowed))
            values[name] = value
        else:
            _text(value, where, name, question.limit, one_line=question.kind == "text", characters=question.characters)
            values[name] = value
    return LogEntry(index=index, event=values["event"], date=values["date"], request=values["request"],
                    letter=values.get("letter"), grounds=values.get("grounds"), situation=values.get("situation"),
                    how=values.get("how") or "", note=values.get("note") or "",
                    provider=values.get("provider") or providers[0])


def _provider_of(value, providers: tuple[str, ...], where: dict, name: str) -> str:
    """`value` if it is one of the case's provider ids, else "case-provider-not-in-case" naming where."""
    if value not in providers:
        raise CalculatorError("case-provider-not-in-case", "case", where=where, name=name, value=echo(value),
                              ids=", ".join(providers))
    return value


def _check_letter(made, index: int, providers: tuple[str, ...] = (FIRST_PROVIDER_ID,)) -> None:
    where = _where("letters", index)
    if not isinstance(made, dict):
        raise CalculatorError("case-wrong-type", "case", where=where, name="letters", expected=_expected("object"))
    for name in made:
        if name not in LETTER_KEYS:
            raise CalculatorError("case-unknown-name", "case", where=where, name=echo(name))
    if made.get("type") not in questions().letters:
        raise CalculatorError("case-bad-choice", "case", where=where, name="type", value=echo(made.get("type")),
                              allowed=", ".join(questions().letters))
    if "made" in made:
        _iso(made["made"], where, "made")
    _text(made.get("letter"), where, "letter", MAX_LETTER_CHARS, required=True)
    _text(made.get("translation"), where, "translation", MAX_LETTER_CHARS)
    if "provider" in made:
        _provider_of(made["provider"], providers, where, "provider")


# ---- The timeline ----

@dataclass(frozen=True)
class Milestone:
    """One date of a request's timeline. `kind`: "event" (from the log), "deadline" (the law's),
    "suggestion" (ours, not law) or "limit" (the last day to complain)."""
    id: str
    day: date
    kind: str
    deadline: Deadline | None = None


@dataclass
class Thread:
    """One request (access or correction) as the log tells it, and what follows from it today.
    `federal` is HIPAA's deadline beside Washington's (`result`); `letters` are the letters the person
    sent about this request after the provider got it (follow-up, reply, review, statement, complaints)."""
    request: str
    entries: list[LogEntry]
    provider: str = FIRST_PROVIDER_ID
    received: date | None = None
    sent: date | None = None
    result: Deadline | None = None
    federal: Deadline | None = None
    delay_notice: date | None = None
    outcome: LogEntry | None = None
    follow_up_sent: date | None = None
    letters: list[LogEntry] = field(default_factory=list)
    milestones: list[Milestone] = field(default_factory=list)

    @property
    def late_notice(self) -> bool:
        """The written notice came after the answer was due (the law lists it among the answers due by then)."""
        return bool(self.delay_notice and self.result and self.delay_notice > self.result.due)

    @property
    def noticed(self) -> bool:
        """A written notice that came in time: only then is the later date the provider's deadline.
        Our reading: a notice that comes after the due date does not give the provider more time."""
        return bool(self.delay_notice) and not self.late_notice

    @property
    def federal_noticed(self) -> bool:
        """A written notice within HIPAA's first period: our reading is that it is HIPAA's one extension
        too (legal-facts.md section 8)."""
        return bool(self.delay_notice and self.federal and self.delay_notice <= self.federal.due)

    @property
    def latest(self) -> date | None:
        """The last day the provider may answer: the extended date after a written notice in time, else
        the due date."""
        if self.result is None:
            return None
        return self.result.extended_due if self.noticed else self.result.due

    @property
    def late_from(self) -> date | None:
        """The first day the answer was late: the day after `latest`."""
        return self.latest + timedelta(days=1) if self.result else None

    @property
    def federal_latest(self) -> date | None:
        """HIPAA's last day (deadlines.federal_latest): OCR's step opens the day after."""
        return federal_latest(self.request, self.received, self.federal_noticed) if self.received else None

    def last_letter(self, *types: str) -> LogEntry | None:
        """The latest letter of these types the person sent after the outcome (or after the provider got
        the request, when there is no outcome yet)."""
        start = self.outcome.date if self.outcome else self.received
        found = [entry for entry in self.letters if entry.letter in types and entry.date >= start]
        return found[-1] if found else None

    def wait_after(self, letter: LogEntry) -> date:
        """Our suggestion, not law: how long to wait for an answer to a letter the person sent (a set
        number of working days), and never before the provider's own last day."""
        wait = letter_words()["calendar"]["follow_up_wait_working_days"]
        return max(add_working_days(letter.date, wait).due, self.latest)


# The letters after which we suggest a wait for the provider's answer, by the milestone ids they make.
WAIT_LETTERS = {"follow-up": "follow-up", "reply": "reply", "second-review": "review"}
COMPLAINT_LETTERS = ("complaint-ocr", "complaint-doh")
LATER_LETTERS = (*WAIT_LETTERS, "disagreement", *COMPLAINT_LETTERS)


def threads(case: dict, provider: str | None = None) -> list[Thread]:
    """Each request the log speaks of, for each provider (in the file's order; only `provider` when
    given), in the order access, correction, with its dates worked out. The latest "received" entry
    starts the count (a request sent again starts a new one); what happened before that day does not
    end the wait."""
    ids = provider_ids(case)
    entries = [read_log_entry(entry, index, ids) for index, entry in enumerate(case.get("log", []))]
    found = []
    for ident, request in ((ident, request) for ident in ids for request in REQUESTS):
        if provider is not None and ident != provider:
            continue
        mine = sorted((entry for entry in entries if entry.request == request and entry.provider == ident),
                      key=lambda entry: (entry.date, entry.index))
        if not mine:
            continue
        thread = Thread(request, mine, ident)
        received = [entry.date for entry in mine if entry.event == "received"]
        sent = [entry.date for entry in mine if entry.event == "sent" and entry.letter in (None, request)]
        thread.sent = sent[-1] if sent else None
        if received:
            thread.received = received[-1]
            thread.result = deadline(request, thread.received)
            thread.federal = federal_deadline(request, thread.received)
            after = [entry for entry in mine if entry.date >= thread.received]
            notices = [entry.date for entry in after if entry.event == "delay-notice"]
            thread.delay_notice = notices[0] if notices else None
            outcomes = [entry for entry in after if entry.event in OUTCOMES]
            thread.outcome = outcomes[-1] if outcomes else None
            thread.letters = [entry for entry in after if entry.event == "sent" and entry.letter in LATER_LETTERS]
            follow_ups = [entry.date for entry in thread.letters if entry.letter == "follow-up"]
            thread.follow_up_sent = follow_ups[-1] if follow_ups else None
        _add_milestones(thread)
        found.append(thread)
    return found


def _add_milestones(thread: Thread) -> None:
    add = thread.milestones.append
    if thread.sent and (thread.received is None or thread.sent <= thread.received):
        add(Milestone("sent", thread.sent, "event"))
    if thread.received is None:
        return
    result = thread.result
    add(Milestone("received", thread.received, "event"))
    if thread.delay_notice:
        add(Milestone("delay-notice", thread.delay_notice, "event"))
    add(Milestone("due", result.due, "deadline", result))
    if result.extended_due:
        add(Milestone("extended-due", result.extended_due, "deadline", result))
    add(Milestone("federal-due", thread.federal_latest, "federal"))
    if thread.outcome:
        add(Milestone(f"outcome-{thread.outcome.event}", thread.outcome.date, "event"))
    else:
        add(Milestone("follow-up", next_working_day(thread.latest), "suggestion"))
    for letter in thread.letters:
        add(Milestone(f"{WAIT_LETTERS.get(letter.letter, letter.letter)}-sent", letter.date, "event"))
    waited = thread.last_letter(*WAIT_LETTERS)
    if waited and not (thread.outcome and thread.outcome.event == "answer"):
        add(Milestone(f"after-{WAIT_LETTERS[waited.letter]}", thread.wait_after(waited), "suggestion"))
    if not thread.outcome or thread.outcome.event != "answer":
        learned = thread.outcome.date if thread.outcome else thread.federal_latest + timedelta(days=1)
        add(Milestone("ocr-last-day", ocr_last_day(learned), "limit"))
    thread.milestones.sort(key=lambda milestone: milestone.day)


def status(thread: Thread, today: date) -> str:
    """Where the request stands today. Before an answer: "not-received" (no day of arrival yet),
    "waiting" (not due yet, or due today), "overdue", "followed-up" (a follow-up sent, its wait not
    over), then "waiting-federal" (no answer, but HIPAA's date, when OCR's step opens, is still to come)
    or "no-answer-to-follow-up". After one: the outcome's event ("answer", "partial", "refusal", "reply"),
    and after the person's own letter "replied" / "no-answer-to-reply", "review-asked" /
    "no-answer-to-review", "statement-sent"; after a complaint, "complained"."""
    if thread.received is None:
        return "not-received"
    outcome = thread.outcome
    if outcome and outcome.event == "answer":
        return "answer"
    if thread.last_letter(*COMPLAINT_LETTERS):
        return "complained"
    waited = thread.last_letter(*WAIT_LETTERS)
    if waited and waited.letter == "follow-up" and waited.date > thread.latest:
        if today <= thread.wait_after(waited):
            return "followed-up"
        return "no-answer-to-follow-up" if today > thread.federal_latest else "waiting-federal"
    if outcome is None:
        return "waiting" if today <= thread.latest else "overdue"
    if outcome.event == "refusal" and thread.request == "correction":
        return "statement-sent" if thread.last_letter("disagreement") else "refusal"
    if waited and waited.letter in ("reply", "second-review"):
        still_waiting = today <= thread.wait_after(waited)
        if waited.letter == "reply":
            return "replied" if still_waiting else "no-answer-to-reply"
        return "review-asked" if still_waiting else "no-answer-to-review"
    return outcome.event


def next_step(thread: Thread, today: date) -> dict:
    """The next thing to do: {"step": name, "letter": a letter type or None, "answers": what the log
    already answers for that letter (see answers_from_log)}. Only letters the letters page writes, and
    only once their time has come: an OCR complaint about a late answer only after HIPAA's date."""
    now = status(thread, today)
    step, letter = now, None
    if now in ("overdue", "no-answer-to-reply"):
        letter = "follow-up"
    elif now in ("partial", "reply"):
        letter = "reply"
    elif now == "refusal":
        if thread.request == "correction":
            step, letter = "refusal-correction", "disagreement"
        elif thread.outcome.grounds == "harm":
            step, letter = "refusal-harm", "second-review"
        else:
            step, letter = "refusal-other", "complaint-ocr"
    elif now in ("no-answer-to-follow-up", "no-answer-to-review"):
        if thread.request == "access":
            letter = "complaint-ocr"
        else:
            step = f"{now}-correction"
    elif now == "complained":
        sent = {entry.letter for entry in thread.letters}
        if thread.request == "access" and "complaint-doh" not in sent:
            letter = "complaint-doh"
        else:
            step = "complained-all"
    if letter not in questions().letters:
        letter = None
    return {"step": step, "letter": letter, "answers": thread_answers(thread, letter) if letter else {},
            "also": [{"letter": other, "answers": thread_answers(thread, other)} for other in _beside(thread, step)]}


def _beside(thread: Thread, step: str) -> list[str]:
    """The letters offered beside the next step (letters.toml [beside_next]): each one only after the
    provider's answers it fits, and only for the request for records."""
    situation = thread.outcome.situation if thread.outcome and step == "reply" else None
    return [letter for letter, situations in letter_words()["beside_next"].items()
            if thread.request == "access" and situation in situations and letter in questions().letters]


def thread_answers(thread: Thread, letter: str) -> dict:
    """The answers one request's log gives `letter`: the day the provider got the request, whether it
    sent a written notice, the day it said no or replied, and what it said."""
    answers = {}
    if thread.received:
        answers["received_date"] = thread.received.isoformat()
    outcome = thread.outcome
    if letter == "follow-up":
        answers.update({"request_type": thread.request, "delay_notice": thread.noticed})
    elif letter == "complaint-ocr" and not (outcome and outcome.event != "answer"):
        answers["delay_notice"] = thread.federal_noticed  # HIPAA's extension: a notice in its first period
    elif letter in ("disagreement", "second-review") and outcome and outcome.event == "refusal":
        answers = {"refusal_date": outcome.date.isoformat()}
    elif letter == "reply" and outcome and outcome.event in ("partial", "reply"):
        answers.update({"situation": "partial" if outcome.event == "partial" else outcome.situation,
                        "reply_date": outcome.date.isoformat()})
    elif letter in ("complaint-ocr", "complaint-doh", "info-blocking") and outcome and outcome.event != "answer":
        answers["problem_date"] = outcome.date.isoformat()
    if letter in ("disagreement", "second-review") and "refusal_date" not in answers or letter == "info-blocking":
        answers.pop("received_date", None)  # the report asks no such day: it counts no deadline
    return {name: value for name, value in answers.items() if value is not None}


def answers_from_log(case: dict, letter: str, provider: str | None = None) -> dict:
    """What the case's log answers for `letter`, from the request that letter is about (for the
    disagreement letter, the correction request; for the others, the request for records, or the
    correction request when only it fits), in the log of `provider` (an id; the first provider's when
    None)."""
    found = {thread.request: thread for thread in threads(case, provider or provider_ids(case)[0])}
    order = ("correction", "access") if letter in ("disagreement", "correction") else ("access", "correction")
    if letter == "follow-up":  # the request still waiting for an answer
        waiting = [thread for thread in found.values() if thread.received and not thread.outcome]
        order = tuple(thread.request for thread in waiting) + order
    for request in order:
        if request in found and (letter not in ("complaint-ocr", "complaint-doh", "info-blocking", "reply", "second-review")
                                 or request == "access"):
            return thread_answers(found[request], letter)
    return {}


def working_days_between(start: date, end: date) -> int:
    """How many working days come after `start` up to and including `end` (0 when `end` <= `start`)."""
    count, day = 0, start
    while day < end:
        day += timedelta(days=1)
        if is_working_day(day):
            count += 1
    return count


def days_until(day: date, today: date, unit: str) -> int:
    """Days from `today` to `day` in the rule's unit: working days for a working-day rule, else calendar days."""
    return working_days_between(today, day) if unit == "working" else (day - today).days


def parse_today(value) -> date:
    """The browser's (or --today's) date, YYYY-MM-DD."""
    if value in (None, ""):
        raise CalculatorError("field-missing", "today")
    today = read_iso_date(value.strip() if isinstance(value, str) else echo(value), "today")
    first, last = _years()
    if not first <= today <= last:
        raise CalculatorError("field-date-out-of-years", "today", value=today.isoformat(), first=first, last=last)
    return today


def count_for(milestone: Milestone):
    """The counting behind a deadline milestone (due or extended), else None."""
    if milestone.deadline is None:
        return None
    result = milestone.deadline
    return result.count if milestone.id == "due" else result.extended_count
