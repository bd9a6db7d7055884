"""Where a pattern can start: its literal prefixes, found with `str.find` instead of trying the regex everywhere.

Why: Python's regex engine only skips ahead quickly when a pattern begins with a literal or a set of
single characters. Ours begin with `\\b(?:word|word|…)`, so the engine enters the full matcher at every
position of the text (~70 ns a character, ~90 µs per pattern on a 1,200-character posting). Every match
of `\\b(?:act|apply|…)` must begin with "act" or "apply" or …; `str.find` locates those few places
(a fast C scan), and `pattern.match` runs only there. This is exact, not a heuristic:

1. `literal_prefixes(pattern)` reads the pattern's parse tree and returns strings such that every match
   starts with one of them (zero-width assertions such as `\\b` are skipped; alternations and character
   sets multiply out; anything it does not understand ends the prefix). None when there is no such set.
2. `Prefixed(pattern).finditer(text)` yields what `pattern.finditer(text)` yields: candidate positions in order,
   each tried with `pattern.match(text, pos)` (which still sees the text before `pos`, so `\\b` and
   look-behinds behave as in a search), resuming after each match as `finditer` does.

The parse tree comes from `re._parser` (CPython's own parser, private): if it is missing or changes
shape, `literal_prefixes` returns None and the pattern simply runs the ordinary way.
"""

import re

try:  # CPython 3.11+
    from re import _constants as _c, _parser
except ImportError:  # pragma: no cover - another implementation: always scan the ordinary way
    _c = _parser = None

MAX_PREFIXES = 64  # beyond this many alternatives the finds cost more than they save
# A prefix that occurs this often (one candidate per N characters) would make `match` calls dearer than a scan.
DENSE = 12


def _sequence(items) -> tuple[set[str], bool]:
    """(prefixes, complete) for a sequence of parse-tree items: every match of the sequence starts with one of
    the prefixes; `complete` means each prefix is a whole match of the sequence (so the caller may extend it)."""
    out = {""}
    for op, av in items:
        if op in (_c.AT, _c.ASSERT, _c.ASSERT_NOT):  # zero-width: consumes nothing
            continue
        if op is _c.LITERAL:
            out = {s + chr(av) for s in out}
            continue
        if op is _c.SUBPATTERN:
            if av[1] or av[2]:  # inline flags (e.g. (?i:…)) change what a literal matches
                return out, False
            sub = _sequence(av[3].data)
        elif op is _c.BRANCH:
            alts = [_sequence(alt.data) for alt in av[1]]
            sub = (set().union(*(a[0] for a in alts)), all(a[1] for a in alts))
        elif op is _c.IN:
            chars = set()
            for iop, iav in av:
                if iop is _c.LITERAL:
                    chars.add(chr(iav))
                elif iop is _c.RANGE and iav[1] - iav[0] < 16:
                    chars.update(map(chr, range(iav[0], iav[1] + 1)))
                else:  # negated sets and categories (\w, \d): too many characters
                    return out, False
            sub = (chars, True)
        elif op in (_c.MAX_REPEAT, _c.MIN_REPEAT) and av[0] >= 1:
            sub = (_sequence(av[2].data)[0], False)  # at least one repetition: starts like the item
        else:  # anything else (., \w, optional parts, back-references): the prefix ends here
            return out, False
        if "" in sub[0]:  # the part may match nothing: what follows it could come first
            return out, False
        extended = {s + t for s in out for t in sub[0]}
        if len(extended) > MAX_PREFIXES:
            return out, False
        out = extended
        if not sub[1]:
            return out, False
    return out, True


def literal_prefixes(pattern: re.Pattern) -> tuple[str, ...] | None:
    """Strings one of which starts every match of `pattern` (shortest form: "pay" covers "payment"), or None."""
    if _parser is None or pattern.flags & re.IGNORECASE or not isinstance(pattern.pattern, str):
        return None
    try:
        found, _ = _sequence(_parser.parse(pattern.pattern, pattern.flags).data)
    except Exception:  # noqa: BLE001 - a parser we don't know: fall back to the ordinary scan
        return None
    if not found or "" in found or len(found) > MAX_PREFIXES:
        return None
    found = sorted(found)
    return tuple(s for s in found if not any(o != s and s.startswith(o) for o in found))


_LATER = object()


class Prefixed:
    """A pattern with its literal prefixes worked out once; `finditer` and `search` as the pattern's own."""

    __slots__ = ("pattern", "prefixes", "alnum")

    def __init__(self, pattern: re.Pattern):
        self.pattern = pattern
        self.prefixes = _LATER  # worked out on first use: a check that never runs the pattern never pays
        self.alnum = frozenset()

    def finditer(self, text: str, tokstr: str | None = None):
        """Exactly `pattern.finditer(text)`. `tokstr` (the distinct tokens of `text` joined by spaces, see
        features.tokens) rules out prefixes made only of letters and digits in a shorter string: such a
        prefix can only lie inside one token."""
        pattern, prefixes = self.pattern, self.prefixes
        if prefixes is _LATER:
            prefixes = self.prefixes = literal_prefixes(pattern)
            self.alnum = frozenset(p for p in prefixes or () if p.isalnum())
        if prefixes is None:
            return pattern.finditer(text)
        starts = set()
        limit = len(text) // DENSE + 8
        find = text.find
        alnum = self.alnum if tokstr is not None else ()
        for p in prefixes:
            if p in alnum and p not in tokstr:
                continue
            i = find(p)
            while i >= 0:
                starts.add(i)
                i = find(p, i + 1)
            if len(starts) > limit:
                return pattern.finditer(text)
        return _matches(pattern.match, text, sorted(starts))

    def search(self, text: str):
        """Exactly `pattern.search(text)`."""
        return next(self.finditer(text), None)


def _matches(match, text: str, starts: list[int]):
    end = 0
    for i in starts:
        if i < end:
            continue
        m = match(text, i)  # match at i still sees text[:i], so \b and look-behinds work as in a search
        if m is not None:
            yield m
            end = m.end()  # never empty: every match starts with a non-empty prefix


class Caseless:
    """A case-insensitive pattern searched as its case-sensitive twin on the lower-cased text (Prefixed).

    Exact: for a pattern whose letters are all lower case, `re.I` and lower-casing the text agree on every
    character except three: "İ" (lower-cases to two characters, so the lengths differ), "ı" and "ſ" (which
    `re.I` reads as "i" and "s"). A text holding any of them is searched the ordinary way.
    """

    __slots__ = ("pattern", "lower")

    def __init__(self, pattern: re.Pattern):
        if not pattern.flags & re.IGNORECASE:
            raise ValueError("Caseless wants a re.I pattern")
        if _parser is not None and not _all_lower(_parser.parse(pattern.pattern, pattern.flags).data):
            raise ValueError(f"Caseless needs a pattern without upper-case letters: {pattern.pattern!r}")
        self.pattern = pattern
        self.lower = Prefixed(re.compile(pattern.pattern, pattern.flags & ~re.IGNORECASE))

    def finditer(self, text: str, low: str | None = None):
        """The matches `pattern.finditer(text)` finds. They may be matches on `low` (text.lower(), passed when
        the caller has it): the offsets are the same, take the words from `text` by them."""
        if low is None:
            low = text.lower()
        if len(low) == len(text) and (text.isascii() or ("ı" not in text and "ſ" not in text)):
            return self.lower.finditer(low)
        return self.pattern.finditer(text)

    def search(self, text: str, low: str | None = None):
        """The first match `pattern.search(text)` finds (offsets as for `finditer`)."""
        return next(self.finditer(text, low), None)


def _all_lower(items) -> bool:
    for op, av in items:
        if op in (_c.LITERAL, _c.NOT_LITERAL) and chr(av).lower() != chr(av):
            return False
        if op is _c.RANGE and any(chr(c).lower() != chr(c) for c in range(av[0], av[1] + 1)):
            return False
        if op is _c.IN and not _all_lower(av):
            return False
        if op is _c.SUBPATTERN and not _all_lower(av[3].data):
            return False
        if op is _c.BRANCH and not all(_all_lower(alt.data) for alt in av[1]):
            return False
        if op in (_c.MAX_REPEAT, _c.MIN_REPEAT) and not _all_lower(av[2].data):
            return False
        if op in (_c.ASSERT, _c.ASSERT_NOT) and not _all_lower(av[1].data):
            return False
    return True
