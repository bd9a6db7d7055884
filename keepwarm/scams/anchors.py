"""Cheap pre-checks for the red-flag patterns: a pattern only runs when the lower-cased text holds its anchors.

Why: the patterns start with long alternations and allow words in between, so Python's regex engine
tries them at nearly every position; on a 1,200-character posting they cost ~3 ms together, while a
substring test (`in`, a fast C search) costs well under a microsecond. Most postings hold none of the
rare words a pattern needs, so most patterns never run.

ANCHORS[rule id][i] belongs to the rule's i-th pattern: a tuple of groups; every group must have at
least one of its substrings in the lower-cased text. An anchor must be *necessary* for a match (every
possible match contains it), never merely typical, or the gate would change what the rules find —
tests/scams/test_anchors.py checks each one against the patterns' own example matches, and the
refactor was checked to give identical flags on the job-scam and SpamAssassin corpora.
Only use a space in an anchor where the pattern itself has a literal space (not `\\s`). An anchor written
"=word" must be a whole token of the text (features.TOKEN): use it only where the pattern has the word
between whitespace/`\\b` and `\\b`, so that common words containing it ("feel" for "fee") don't open the gate.
"""

# Every catalogue.PRICED_THINGS match holds one of these.
PRICED = ("training", "start", "welcome", "business", "enrol", "kit", "equipment", "software", "licen", "background check",
          "certification", "credentialing", "exam", "course", "study guide", "materials", "supplies", "registration",
          "uniform", "membership", "shipping", "resume ")
DIGITS = tuple("123456789")  # every sum the money patterns read has a digit from 1 to 9
MONEY_WORDS = ("=fee", "=fees", "=charge", "=charges", "=deposit", "=deposits", "=cost", "=costs")

ANCHORS: dict[str, list[tuple[tuple[str, ...], ...]]] = {
    "pay_to_work": [
        (MONEY_WORDS,),
        (("=fee", "=fees", "=deposit", "=deposits", "=payment", "=payments", "=investment", "=charge", "=charges"),),
        (("pay", "purchase", "buy", "deposit", "send", "cover", "invest"),),
        (("pay", "purchase", "buy", "order", "cover", "invest"),
         ("vendor", "supplier", "store", "website", "portal", "partner", "provider")),
        (("reimburs",),),
        (("$",), ("for only", "for just", "is only", "is just", "are only", "are just", "cost", "one-time", "onetime", "fee"),
         PRICED),
        (("$",), ("(",), ("order", "purchase", "buy", "enrol", "reserve", "register", "pay"),
         PRICED),
        (("refunded",),),
        (("$",), ("(",), ("need", "must", "grab", "get", "buy", "order", "purchase", "require", "pay for")),
        (("$",), ("(",)),
        (("$",), ("background", "screening", "drug test"), ("(",)),
        (("background", "screening", "drug test"),),
        (("pay", "send", "transfer", "deposit"), ("for",), DIGITS),
    ],
    "fake_check": [
        (("check", "cheque"), ("deposit", "cash")),
        (("difference", "overpay", "remaining", "remainder", "excess"),),
        (("check", "cheque"),),
        (("check", "cheque"),),
        (("overpa",),),
        (("check", "cheque"), ("money", "fund", "amount", "cash")),
        (("check", "cheque"), ("deposit",)),
    ],
    "gift_cards": [
        (("card",), ("gift", "itunes", "play", "steam", "apple", "amazon", "ebay", "vanilla", "walmart", "target",
                     "sephora", "razer", "prepaid", "reloadable")),
        (("card",), ("gift", "itunes", "play", "steam", "vanilla")),
    ],
    "wire_or_money_app": [
        (("western union", "moneygram", "zelle", "cash", "venmo", "remit", "wire"),),
        (("western union", "moneygram"),),
        (("send", "wire", "transfer"), ("money", "fund", "payment", "amount", "cash")),
        (("western union", "moneygram", "zelle", "cash", "venmo", "remit", "paypal"),),
        (("western union", "moneygram"), ("send", "sent", "transfer")),
        (("western union", "moneygram", "zelle", "cash", "venmo", "remit", "paypal"),),
    ],
    "crypto_payment": [
        (("bitcoin", "btc", "usdt", "tether", "crypto", "=eth", "binance", "coinbase", "wallet", "usdc"),),
        (("atm", "wallet address", "usdt", "trc-20", "trc20", "erc-20", "erc20"),),
    ],
    "reshipping": [
        (("package", "parcel", "shipment", "merchandise", "deliveries", "items", "boxes"), ("your", "their")),
        (("ship", "forward", "send", "mail"), ("address", "location", "destination", "recipient", "countr")),
        (("reship", "re-ship", "package forward", "package inspector", "package processor", "parcel forward"),),
        (("delivered",), ("label",)),
    ],
    "money_mule": [
        (("your", "their"), ("account", "paypal", "zelle", "cash")),
        (("keep",), ("%", "percentage", "commission", "cut", "share", "portion")),
        (("processor", "agent", "representative", "receiver", "handler", "courier", "manager"), ("account",)),
        (("account",), ("receive", "process", "transfer", "collect", "accept")),
        (("receiv", "accept", "collect"), ("payment", "fund", "money", "transfer"), ("customers", "clients", "buyers")),
        (("keep", "deduct", "retain", "take"), ("rest", "remainder", "balance", "remaining")),
        (("account",), ("received", "deposited", "sent", "wired", "transferred", "paid")),
    ],
    "guaranteed_job": [
        (("guarantee", "assured"),),
        (("guaranteed",),),
    ],
    "easy_money": [
        (("day", "task"),),
        (("day",),),
        (("day",),),
        (("income", "earning", "cash", "rich", "easy money", "financial freedom", "own boss", "money from home"),),
        (("$",), ("week", "wk"), ("home", "experience", "spare", "free", "easy", "simple", "anyone", "few", "part",
                                   "day")),
        (("daily pay", "daily salary", "daily income", "daily earning", "daily wage", "per day pay", "per day salary",
          "per day income", "per day earning", "per day wage"),),
    ],
    "chat_app_interview": [
        (("telegram", "whats", "signal", "google", "hangout", "teams", "wickr", "wire app", "kik", "wechat",
          "line app", "skype", "discord", "viber", "threema", "element app"),),
        (("telegram", "whats", "signal", "wickr", "hangouts", "kik", "wechat", "viber", "threema"),),
        (("t.me/", "wa.me/", "telegram", "signal", "whats"),),
        (("interview",), ("chat", "text", "instant")),
    ],
    "offer_without_interview": [
        (("interview", "hired", "instant"),),
        (("resume", "résumé", "cv", "profile"), ("selected", "hired", "offer", "approved", "chosen", "you")),
        (("hired", "approved", "selected", "chosen", "accepted"),),
        (("hired",),),
        (("you've", "you’ve"), ("hired", "approved", "selected", "chosen", "accepted")),
        (("application",), ("approved",)),
    ],
    "personal_info_early": [
        (("ssn", "social security", "bank", "checking", "routing", "account number", "card", "cvv", "photo",
          "picture", "copy", "scan", "image", "government", "maiden", "direct deposit"),),
        (("photo", "picture", "copy", "scan", "image", "selfie"),),
        (("ssn", "social security", "bank", "routing number", "credit card", "debit card", "copy of"),
         ("required", "needed", "necessary", "mandatory")),
        (("bank",),),
        ((":",), ("ssn", "social security", "account", "routing", "copy of")),
        (("ssn", "=sin", "social security", "social insurance", "national insurance", "aadhar", "aadhaar", "pan card",
          "void", "bank details", "bank account details", "passport copy", "passport scan", "passport photo"),),
        (("selfie",),),
        (("otp", "one-time", "one time", "verification code", "security code"),),
    ],
    "task_job": [
        (("optimi",),),
        (("optimi",),),
        (("task", "set", "order", "rating"), ("commission", "earn", "paid", "profit", "$", "usdt")),
        (("recharge", "top", "prepay", "reset", "combo", "negative balance"),),
        (("youtube", "tiktok", "instagram", "video", "product", "post", "hotel", "app", "channel"),
         ("like", "rat", "review", "click", "watch", "follow", "subscribe", "give"), ("₹", "£", "€", "₦", "₱", "=rs", "=inr")),
        (("video", "product", "post", "hotel", "app", "channel", "ad"),
         ("earn", "paid", "commission", "$", "per task", "per like", "per video", "per review")),
    ],
    "mystery_shopper": [
        (("mystery", "secret"), ("shop",)),
    ],
    "run_their_software": [
        ((".apk", "not "),),
        (("curl",), ("|",)),
        (("npm", "yarn", "pnpm"),),
    ],
    "pressure": [
        (("=now", "=immediately", "=today", "=asap", "=right", "=within"),
         ("=act", "=apply", "=respond", "=reply", "=start", "=sign", "=confirm", "=accept", "=register", "=join")),
        (("slot", "spot", "seat", "opening"), ("left", "remaining", "available")),
        (("expire", "given", "offered", "go"),),
        (("urgent", "immediate", "miss", "first come", "act fast"),),
    ],
    "vague_duties": [
        (("required", "necessary", "needed", "anyone can", "suitable for", "simple ", "easy ", "copy", "just "),),
    ],
}


# Each anchor worked out once: a token to look up, or a substring to search for, and where (see passes).
_TOKEN, _ALNUM, _TEXT = 0, 1, 2


def _anchor(s: str) -> tuple[str, int]:
    return (s[1:], _TOKEN) if s[0] == "=" else (s, _ALNUM if s.isalnum() else _TEXT)


GATES = {rule_id: [tuple(tuple(_anchor(s) for s in group) for group in pattern) for pattern in patterns]
         for rule_id, patterns in ANCHORS.items()}


def passes(groups, low: str, seen: dict, words: set, tokstr: str | None = None) -> bool:
    """True when every group has one of its anchors in `low` (the lower-cased text) or, for "=word", in
    `words` (its tokens). `seen` remembers each substring's answer for this text, since patterns share
    anchors and each search scans the text. `tokstr`, the text's distinct tokens joined by spaces, is a
    shorter place to look for an anchor made only of letters and digits: such an anchor can only lie inside
    one token, so it is in `low` exactly when it is in `tokstr`."""
    alnum_in = low if tokstr is None else tokstr
    for group in groups:
        for s, kind in group:
            if kind == _TOKEN:
                if s in words:
                    break
                continue
            hit = seen.get(s)
            if hit is None:
                hit = seen[s] = s in (alnum_in if kind == _ALNUM else low)
            if hit:
                break
        else:
            return False
    return True
