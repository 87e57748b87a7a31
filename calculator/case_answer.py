"""The answer to a case request: a case's timeline, each request's dates in words with their counting
steps and sources, today's status, the next step (and its letter); as the page's JSON, as the CLI's
text, or as one calendar file with the whole ladder.

`today` is always given (the browser's date, or the CLI's --today); nothing here reads a clock.
"""
from __future__ import annotations

import shlex
from datetime import date, timedelta

from .case import (Milestone, Thread, answers_from_log, case_providers, check_case, count_for, days_until,
                   find_provider, next_step, parse_case, parse_today, provider_fields, status, threads)
from .errors import CalculatorError
from .explain import count_steps, source
from .ics import PRODUCT, event_lines, fold
from .inputs import hidden_characters, parse_choice
from .languages import source_language
from .law import law, letter_words
from .questions import questions
from .words import counted, long_date, say, short_date

CASE_FORMATS = ("json", "text", "ics")
# Which requests need doing something first: a late answer before a refusal, a refusal before a wait.
URGENCY = ("no-answer-to-follow-up", "no-answer-to-review", "no-answer-to-reply", "overdue", "refusal", "partial",
           "reply", "waiting-federal", "followed-up", "replied", "review-asked", "waiting", "complained",
           "statement-sent", "not-received", "answer")
DATED = ("due", "extended-due", "federal-due", "follow-up", "after-follow-up", "after-reply", "after-review",
         "ocr-last-day")
# Dates still worth a reminder once the provider has answered: the waits after the person's own letters,
# and the last day to complain.
AFTER_OUTCOME = ("after-follow-up", "after-reply", "after-review", "ocr-last-day")


def _printable_path(path) -> str:
    """The CLI's case file path as its suggested commands print it, or "FILE" when there is none or it
    holds a character a terminal would act on (the page sends none)."""
    return path if isinstance(path, str) and path and not hidden_characters(path) else "FILE"


def case_request_answer(request: dict, lang: str) -> dict:
    """A case's timeline (format "json"), or {"kind", "format", "content"} with its text or .ics. The
    CLI also sends "case_file", the path it read, for the text's suggested commands."""
    output = parse_choice(request.get("format") or "json", CASE_FORMATS, "format", "choice-unknown")
    if output == "ics":
        content = case_calendar(request, lang)
        if content is None:
            raise CalculatorError("case-no-dates", "case")
        return {"kind": "case", "format": "ics", "content": content}
    result = case_answer(request, lang)
    if output == "text":
        content = render_case_text(result, _printable_path(request.get("case_file")), lang)
        return {"kind": "case", "format": "text", "content": content}
    return result


def read_request_case(value) -> dict:
    """The case of a request: a case file's text (as the page reads it from a file) or its object."""
    return parse_case(value) if isinstance(value, str) else check_case(value)


def case_answer(request: dict, lang: str) -> dict:
    """The timeline of {"case", "today"} (and "provider", an id, for one provider's part only):
    {"kind": "case", "today", "requests": [...], "next", "providers": [...], "case_providers", ...}.
    Requests come most urgent first; each has its `provider` (an id), its dates (`milestones`),
    `status`, `headline` and `next`. `providers` gives each provider its own part, most urgent first:
    {"id", "heading", "answers" (the letter answers it fills), "requests", "next", "log_answers"};
    `case_providers` are the providers as a saved file holds them (a version-1 file's one provider)."""
    case = read_request_case(request.get("case"))
    today = parse_today(request.get("today"))
    chosen = request.get("provider")
    shown = [find_provider(case, chosen)] if chosen not in (None, "") else case_providers(case)
    several = len(case_providers(case)) > 1
    found = sorted((thread for provider in shown for thread in threads(case, provider["id"])),
                   key=lambda thread: URGENCY.index(status(thread, today)))
    names = {provider["id"]: provider for provider in shown}
    requests = [_thread_answer(thread, today, lang,
                               provider_fields(names[thread.provider]) if several else {}) for thread in found]
    parts = [_provider_part(case, provider, requests, lang) for provider in shown]
    parts.sort(key=lambda part: URGENCY.index(part["requests"][0]["status"]) if part["requests"] else len(URGENCY))
    return {
        "kind": "case",
        "today": today.isoformat(),
        "today_text": say("case.today-is", lang, today=long_date(today, lang)),
        "requests": requests,
        "next": requests[0]["next"] if requests else None,
        "empty_text": None if requests else say("case.empty", lang),
        # What the log answers for each letter, so a letter opened any way counts from the case's days.
        "log_answers": {letter: answers_from_log(case, letter, shown[0]["id"]) for letter in questions().letters},
        "providers": parts,
        "case_providers": case_providers(case),
        "several_providers": several,
        "letters": len(case.get("letters", [])),
        "log": len(case.get("log", [])),
        "reviewed_text": say("common.reviewed", lang, reviewed=short_date(law().reviewed, lang)),
    }


def _provider_part(case: dict, provider: dict, requests: list[dict], lang: str) -> dict:
    """One provider's part of the timeline: its heading, the answers it fills, its requests (most
    urgent first), its next step and what its log answers for each letter."""
    mine = [request for request in requests if request["provider"] == provider["id"]]
    name = provider.get("name") or provider["id"]
    return {"id": provider["id"], "name": provider.get("name", ""),
            "heading": say("case.provider-heading", lang, name=name),
            "answers": provider_fields(provider), "requests": mine, "next": mine[0]["next"] if mine else None,
            "log_answers": {letter: answers_from_log(case, letter, provider["id"]) for letter in questions().letters}}


def _thread_answer(thread: Thread, today: date, lang: str, provider: dict) -> dict:
    """One request's part; `provider`: the letter answers of its provider, given to its next letters
    when the case holds several providers (so "Write this letter" writes to the right one)."""
    now, step = status(thread, today), next_step(thread, today)
    if step["letter"]:  # the next letter is written today
        step["answers"].update({**provider, "sent_date": today.isoformat()})
    for other in step["also"]:  # offered beside it, written today too, each with its button's words
        other["answers"].update({**provider, "sent_date": today.isoformat()})
        other["button"] = say(f"case.button-also-{other['letter']}", lang)
    milestones = [_milestone_answer(thread, milestone, today, lang) for milestone in thread.milestones]
    sources = []
    if thread.result:
        rule, unit = thread.result.rule, law().units[thread.result.rule.unit]
        sources += [source(rule.citation, rule.confidence, say("deadline.source-rule", lang, citation=rule.citation), lang),
                    source(rule.extended_citation, rule.confidence,
                           say("deadline.source-extended", lang, citation=rule.extended_citation), lang),
                    source(unit["citation"], unit["confidence"], say("deadline.source-unit", lang, citation=unit["citation"]), lang),
                    source(law().holiday_citation, "P", say("deadline.source-holidays", lang, citation=law().holiday_citation), lang)]
    ocr = law().complaints["hhs-ocr"]
    if any(milestone.id == "ocr-last-day" for milestone in thread.milestones):
        sources.append(source(ocr["citation"], ocr["confidence"], say("case.source-ocr", lang, citation=ocr["citation"]), lang))
    return {
        "request": thread.request,
        "provider": thread.provider,
        "label": say(f"case.request-{thread.request}", lang),
        "status": now,
        "headline": _headline(thread, now, today, lang),
        "next": {**step, "text": _next_text(thread, step, today, lang),
                 "button": say(f"case.button-{step['step']}", lang) if step["letter"] else None},
        "milestones": milestones,
        "sources": sources,
    }


def _day(value: date, lang: str) -> str:
    return long_date(value, lang)


def _headline(thread: Thread, now: str, today: date, lang: str) -> str:
    key = f"case.headline-{now}"
    if now == "not-received":
        return say(key + ("-sent" if thread.sent else ""), lang, sent=thread.sent and _day(thread.sent, lang))
    if now in ("answer", "partial", "refusal", "reply"):
        return say(key, lang, date=_day(thread.outcome.date, lang))
    if now == "waiting":
        return f"{say(key, lang, latest=_day(thread.latest, lang))} {_due_status(thread, thread.latest, today, lang)}"
    if now == "overdue":
        return say(key, lang, since=_day(thread.latest + timedelta(days=1), lang))
    return say(key, lang, sent=_day(thread.letters[-1].date, lang))  # the person's latest letter


def _next_text(thread: Thread, step: dict, today: date, lang: str) -> str:
    name = step["step"]
    if name == "waiting":
        follow_up = next(m.day for m in thread.milestones if m.id == "follow-up")
        return say("case.next-waiting", lang, latest=_day(thread.latest, lang), follow_up=_day(follow_up, lang))
    if name in ("followed-up", "replied", "review-asked"):
        after = {"followed-up": "after-follow-up", "replied": "after-reply", "review-asked": "after-review"}[name]
        wait = next(m.day for m in thread.milestones if m.id == after)
        return say(f"case.next-{name}", lang, wait=_day(wait, lang))
    if name == "waiting-federal":
        return say("case.next-waiting-federal", lang, federal_date=_day(thread.federal_latest, lang),
                   court_citation=law().rights["court"]["citation"])
    if name == "statement-sent":
        return say("case.next-statement-sent", lang, citation=law().rights["correction-added"]["citation"])
    if name in ("refusal-harm", "refusal-correction"):
        row = "second-review" if name == "refusal-harm" else "correction-added"
        return say(f"case.next-{name}", lang, citation=law().rights[row]["citation"],
                   hipaa_citation=law().rights["hipaa-review"]["citation"])
    return say(f"case.next-{name}", lang)


def _due_status(thread: Thread, day: date, today: date, lang: str) -> str:
    """"Due in 4 working days." / "Due today." / "Overdue since …" for a deadline with no answer yet."""
    if day < today:
        return say("case.overdue", lang, since=_day(day + timedelta(days=1), lang))
    if day == today:
        return say("case.due-today", lang)
    unit = thread.result.rule.unit
    n = days_until(day, today, unit)
    if n == 1 and unit != "working":  # one working day away may be Monday, not tomorrow
        return say("case.due-tomorrow", lang)
    return counted(f"case.due-in-{unit}", lang, n)


def _status_text(thread: Thread, milestone: Milestone, today: date, lang: str) -> str:
    if milestone.kind == "event":
        return ""
    answered = thread.outcome is not None
    if milestone.kind == "deadline" and not answered:
        if milestone.id == "extended-due" and not thread.noticed:
            return say("case.passed", lang) if milestone.day < today else ""
        if milestone.day < today and milestone.day != thread.latest:
            return say("case.passed", lang)
        return _due_status(thread, milestone.day, today, lang)
    if milestone.day < today or answered:
        passed = say("case.passed", lang) if milestone.day < today else ""
        return passed
    if milestone.day == today:
        return say("case.today", lang)
    n = (milestone.day - today).days
    return say("case.tomorrow", lang) if n == 1 else counted("case.in-days", lang, n)


def _milestone_text(thread: Thread, milestone: Milestone, lang: str) -> str:
    day, result = _day(milestone.day, lang), thread.result
    if milestone.id == "due":
        rule = result.rule
        return say(f"case.due-{rule.unit}", lang, date=day, days=rule.days, citation=rule.citation)
    if milestone.id == "extended-due":
        key = "case.extended-due-noticed" if thread.noticed else "case.extended-due"
        return say(key, lang, date=day, citation=result.rule.extended_citation)
    if milestone.id == "delay-notice" and thread.late_notice:
        return " ".join([say("case.delay-notice", lang, date=day),
                         say("case.delay-notice-late", lang, due=_day(result.due, lang), citation=result.rule.citation)])
    if milestone.id in ("after-follow-up", "after-reply", "after-review"):
        return say(f"case.{milestone.id}", lang, date=day,
                   days=letter_words()["calendar"]["follow_up_wait_working_days"])
    if milestone.id == "federal-due":
        federal = thread.federal.rule
        key = "case.federal-due-noticed" if thread.federal_noticed else "case.federal-due"
        return say(key, lang, date=day, days=federal.extended_days if thread.federal_noticed else federal.days,
                   first_days=federal.days, citation=federal.citation)
    if milestone.id == "ocr-last-day":
        ocr = law().complaints["hhs-ocr"]
        key = "case.ocr-last-day-problem" if thread.outcome else "case.ocr-last-day-late"
        return say(key, lang, date=day, days=ocr["days"], citation=ocr["citation"],
                   federal_date=_day(thread.federal_latest, lang))
    return say(f"case.{milestone.id}", lang, date=day)


def _milestone_answer(thread: Thread, milestone: Milestone, today: date, lang: str) -> dict:
    count = count_for(milestone)
    return {"id": milestone.id, "date": milestone.day.isoformat(), "kind": milestone.kind,
            "passed": milestone.day < today, "text": _milestone_text(thread, milestone, lang),
            "status_text": _status_text(thread, milestone, today, lang),
            "steps": count_steps(count, lang, thread.result.rule.day_zero) if count else []}


def letter_command(letter: str, case_file: str, today: str, lang: str, provider: str | None = None) -> str:
    """The command that writes `letter` from the case at `case_file` as of `today` (YYYY-MM-DD), ready to
    run as printed: --today makes the letter's date today, not the date of the last letter the case
    holds (from which the provider would seem to still have time); the path is quoted for a shell.
    `provider`: the provider's id, for a case that holds several (--provider)."""
    command = ["python", "-m", "calculator", "letter", "--type", letter, "--case", case_file, "--today", today]
    if provider:
        command += ["--provider", provider]
    if lang != source_language():  # the CLI's default
        command += ["--lang", lang]
    return shlex.join(command)


def render_case_text(answer: dict, case_file: str, lang: str) -> str:
    """The timeline as plain text for the CLI: today, then each request with its dates and next step,
    and the command that writes its next letter from `case_file`. A case with several providers shows
    each provider's part under its heading, most urgent first, its commands with --provider."""
    out = [answer["today_text"]]
    if answer["empty_text"]:
        out += ["", answer["empty_text"]]
    several = answer["several_providers"]
    for part in answer["providers"]:
        if several:
            out += ["", part["heading"], "=" * len(part["heading"])]
        out += _requests_text(part["requests"], case_file, answer["today"], lang, part["id"] if several else None)
    out += ["", answer["reviewed_text"]]
    return "\n".join(out)


def _requests_text(requests: list[dict], case_file: str, today: str, lang: str, provider: str | None) -> list[str]:
    out = []
    for request in requests:
        out += ["", request["label"], f"  {request['headline']}", f"  {request['next']['text']}"]
        if request["next"]["letter"]:
            out.append(f"  -> {letter_command(request['next']['letter'], case_file, today, lang, provider)}")
        for other in request["next"]["also"]:
            out.append(f"  -> {letter_command(other['letter'], case_file, today, lang, provider)}")
        for milestone in request["milestones"]:
            status_text = f" [{milestone['status_text']}]" if milestone["status_text"] else ""
            out.append(f"  - {milestone['text']}{status_text}")
        if request["sources"]:
            out.append("  " + " ".join(source["text"] for source in request["sources"]))
    return out


def case_calendar(request: dict, lang: str) -> str | None:
    """One .ics with every date of every request in the case (None when the log gives no date to keep).
    A date before `today` stays in, marked as passed and without a reminder."""
    case = read_request_case(request.get("case"))
    today = parse_today(request.get("today"))
    stamp = f"{today:%Y%m%d}T000000Z"
    lines = ["BEGIN:VCALENDAR", "VERSION:2.0", f"PRODID:{PRODUCT}", "CALSCALE:GREGORIAN", "METHOD:PUBLISH"]
    events = 0
    names = {provider["id"]: provider.get("name") or provider["id"] for provider in case_providers(case)}
    chosen = request.get("provider")
    for thread in threads(case, find_provider(case, chosen)["id"] if chosen not in (None, "") else None):
        request_words = say(f"case.request-{thread.request}", lang)
        if len(names) > 1:  # which provider each date is about
            request_words = say("case.request-to", lang, request=request_words, name=names[thread.provider])
        for milestone in thread.milestones:
            if milestone.id not in DATED or (milestone.id == "extended-due" and not thread.noticed):
                continue
            if thread.outcome and milestone.id not in AFTER_OUTCOME:
                continue
            summary = say(f"case.calendar-{milestone.id}", lang, request=request_words)
            description = f"{_milestone_text(thread, milestone, lang)} {say('case.calendar-guide', lang)}"
            alarm = "-PT6H" if milestone.kind == "deadline" else "-P7D" if milestone.kind == "limit" else "PT9H"
            if milestone.day < today:
                summary = say("case.calendar-passed", lang, summary=summary)
                description = say("case.calendar-passed-description", lang, today=long_date(today, lang),
                                  description=description)
                alarm = None
            lines += event_lines(milestone.day, summary, description, stamp, alarm)
            events += 1
    if not events:
        return None
    lines.append("END:VCALENDAR")
    return "".join(fold(line) + "\r\n" for line in lines)
