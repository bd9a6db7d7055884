"""Pieces of pattern the red-flag rules share (catalogue.py): durations, money, things sold to job seekers."""

from .flags import _re

FEW_HOURS = (r"\b(?:[1-3]|one|two|three|a few|few|couple of|a couple|15|20|30|45|60|90)\s*(?:(?:-|to|or)\s*(?:[1-5]|[1-9]0)\s*)?"
             r"(?:hours?|hrs?|minutes?|mins?)\s+(?:a|per|each|/|every)\s*day\b")
LATER = _re(r"\bfirst day|\bi-?9\b|\bafter (?:you |the |an |your )?(?:accept|offer|hire|hiring|start)|\bupon (?:hire|hiring|"
            r"acceptance|start|joining)|\bonce (?:hired|you(?:'re| are) hired|you accept)|\bduring onboarding|\bpayroll "
            r"(?:set ?up|enrol)|\bnew[- ]hire paperwork")
PAY_WORDS = r"(?:fees?|costs?|charges?|deposits?|payments?|\$\s?\d|(?:usd|dollars|eur|gbp)\b)"
THINGS_TO_BUY = (r"(?:training|starter|start-?up|kits?|equipment|laptops?|computers?|software|licen[cs]es?|"
                 r"background checks?|certifications?|materials|supplies|registration|uniforms?|work ?station|"
                 r"onboarding|membership|visa|permit|id card|badge|package)")
PRICED_THINGS = (r"(?:(?:starter|welcome|training|business) (?:packages?|bundles?)|enrol(?:l)?ments?|training|starter|start-?up|kits?|equipment|software|licen[cs]es?|background checks?|"
                 r"certifications?|credentialing|exams?|courses?|study guides?|materials|supplies|registration|"
                 r"uniforms?|membership|shipping|resume (?:rewrite|writing))")
# A sum of money in the currencies job seekers meet: "$35", "Rs 2,850", "₹3,000", "AED 2,500", "£40".
MONEY = r"(?:[$₹£€₦₱]\s?|\b(?:rs\.?|inr|aed|cad|aud|usd|gbp|eur|ngn|php|kes|zar)\s?)[1-9]"
# Patterns may only start with a money sign, never with MONEY's letter codes: a pattern's first characters are
# what prefixes.py searches for, and "rs" or "cad" sit inside common words.
MONEY_SIGN = r"[$₹£€₦₱]\s?\d"
# A gap of a few words that may be amounts or punctuated words too ("send $3,900 to our vendor").
GAP = r"(?:[\w'’$%.,()&/-]+\s+)"
