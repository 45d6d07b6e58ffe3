"""E-mail threads saved as a mailbox: each message its sender's turn, the quoted copy of an earlier message no one's."""

from __future__ import annotations

from sayso.corpus.importers import parse_text

THREAD = """From ana@example.org Wed, 8 Jan 2025 10:14:32 +0000
From: Ana Ribeiro <ana@example.org>
To: Ben Cho <ben@example.org>
Date: Wed, 8 Jan 2025 10:14:32 +0000
Subject: Festa de São João – planning
Content-Type: text/plain; charset=UTF-8

Olá Ben,

Is the hall free on the 21st? We need an answer by Friday.

Ana

From ben@example.org Wed, 8 Jan 2025 12:02:11 +0000
From: "Cho, Ben" <ben@example.org>
To: Ana Ribeiro <ana@example.org>
Date: Wed, 8 Jan 2025 12:02:11 +0000
Subject: Re: Festa de São João – planning
Content-Type: text/plain; charset=UTF-8
Content-Transfer-Encoding: quoted-printable

Hi Ana, the hall is free, I booked it. Caf=C3=A9 on the corner will do the f=
ood.

On Wed, 8 Jan 2025 at 10:14, Ana Ribeiro <ana@example.org> wrote:
> Olá Ben,
>
> Is the hall free on the 21st?
"""


def test_a_mailbox_thread_is_its_senders_turns() -> None:
    doc = parse_text(THREAD, "thread.mbox")
    said = [(p.speaker, p.text) for p in doc.passages]
    assert said[0] == ("Ana Ribeiro", "Olá Ben, Is the hall free on the 21st? We need an answer by Friday. Ana")
    assert said[1][0] == "Cho, Ben" and said[1][1].startswith("Hi Ana, the hall is free, I booked it. Café on")
    assert said[2][0] is None and said[2][1].startswith("On Wed, 8 Jan 2025 at 10:14, Ana Ribeiro")
    assert doc.title == "Festa de São João – planning"
    assert doc.passages[1].start == 6459.0  # (the time since the thread's first message)


def test_prose_opening_with_from_and_a_single_message_are_text() -> None:
    prose = "From the editor: this issue is about rivers.\n\nFrom: the desk of the mayor, a letter.\n\nMore text.\n"
    assert parse_text(prose, "x.txt").convention["shape"] != "mbox"
    single = THREAD.split("\nFrom ben@")[0] + "\n"
    assert parse_text(single, "one.mbox").convention["shape"] != "mbox"
