"""How the grammar rule tables are checked: each row is a rule's name, sentences where it must
fire (with the words it flags and the fix it offers) and sentences it must leave alone. The
tables themselves live beside the modules they test (test_grammar, test_agreement, test_usage,
test_confusables)."""

from __future__ import annotations

from followup.writing.grammar import grammar_findings

Table = dict[str, tuple[list[tuple[str, str, str]], list[str]]]


def fires(table: Table) -> list[tuple[str, str, str, str]]:
    return [(rule, *case) for rule, (cases, _) in table.items() for case in cases]


def quiet(table: Table) -> list[tuple[str, str]]:
    return [(rule, sentence) for rule, (_, sentences) in table.items() for sentence in sentences]


def found(sentence: str) -> list[tuple[str | None, tuple[str, ...], str]]:
    return [(f.text, f.suggestions, f.kind) for f in grammar_findings(sentence)]
