"""The catalogue of red-flag rules: patterns over meaning, with their explanations, weights and sources."""

import re

from .flags import FTC_JOBS, FTC_MYSTERY, FBI_MALWARE, FBI_PSA, FBI_MULES, BBB_JOBS, W, _re, Rule
from .header_rules import HEADER_RULES
from .keywords import KEYWORDS
from .phrases import FEW_HOURS, LATER, PAY_WORDS, THINGS_TO_BUY, PRICED_THINGS, MONEY, MONEY_SIGN, GAP
from .prefixes import Prefixed


RULES: list[Rule] = [
    Rule(
        "pay_to_work",
        "Asks you to pay to get or start the job (training, a starter kit, equipment, a background check or a "
        "registration fee). Real employers pay you; they do not charge you to work.",
        0.6, FTC_JOBS,
        (
            _re(r"\b(?:registration|application|processing|training|onboarding|certification|background[- ]?check|"
                r"screening|enrol?lment|membership|starter|start-?up|admin(?:istrative)?|placement|activation|"
                r"verification|visa|uniform|kit|insurance|security|documentation|document|clearance|permit|file|medical)\s+"
                r"(?:fees?|charges?|deposits?|costs?)\b"),
            _re(r"\b(?:refundable|one-?time|small|upfront|up-front|initial|nominal|token)\s+"
                rf"{W}{{0,2}}(?:fees?|deposits?|payments?|investment|charges?)\b"),
            _re(rf"\b(?:you|applicants?|candidates?|new hires?|employees?|trainees?|selected)\s+{W}{{0,3}}?"
                rf"(?:need|needs|required|must|have|has|asked|expected|responsible)\s+(?:to\s+)?{W}{{0,2}}?"
                rf"(?:pay|purchase|buy|deposit|send|cover|invest)\b(?:\W+\w+){{0,8}}?\W+(?:{THINGS_TO_BUY}|{PAY_WORDS})"),
            _re(rf"\b(?:pay|purchase|buy|order|cover|invest in)\s+(?:for\s+)?(?:your|the|a|an)\s+(?:own\s+)?{W}{{0,2}}?"
                rf"{THINGS_TO_BUY}\b(?:\W+\w+){{0,6}}?\W+(?:from|through|via|at)\s+(?:our|the|an?)\s+"
                r"(?:\w+\s+){0,2}?(?:vendor|supplier|store|website|portal|partner|provider)"),
            _re(r"\breimburs\w*\s+(?:\w+\s+){0,4}?(?:in|with|on|from)\s+(?:your\s+)?(?:first|1st|next)\s+"
                r"(?:pay ?checks?|pay ?days?|salary|payments?|wages?|pay)\b"),
            # "the starter kit for just $49.95", "a one-time cost of $189", "an exam fee of $75"
            # In one sentence: shop newsletters say "... Just $3" in their own, separate lines.
            _re(rf"\b{PRICED_THINGS}\b[^.!?\n•]{{0,80}}?\b(?:for (?:only|just)|(?:is|are) (?:only|just)|costs?\s+(?:you\s+)?(?:only\s+|just\s+)?|"
                r"one-?time\s+(?:cost|fee|payment|charge)\s+of|fee\s+of)\s*\$\s?\d"),
            # "Order your Agent Starter Kit ($99)", "purchase your personal LinguaDesk Pro license ($149/year)"
            _re(rf"\b(?:order|purchase|buy|enrol\w*|enroll\w*|reserve|register for|pay for)\s+{GAP}{{0,4}}?"
                rf"{PRICED_THINGS}\W{{0,3}}\(\s*\$\s?\d"),
            # "the $99 is refunded after your first 30 days"
            _re(r"\b(?:is|are|will be|gets?|get)\s+(?:fully\s+)?refunded\s+(?:\w+\s+){0,3}?(?:after|once|when|with|in|"
                r"on|from)\s+(?:your\s+)?(?:first|1st|next)\b"),
            # "you'll need the starter kit ($75)", "just grab the starter package ($299)"
            _re(rf"\b(?:need|needs|must|grab|get|buy|order|purchase|require[sd]?|pay for)\b.{{0,60}}?\b{PRICED_THINGS}\W{{0,3}}"
                r"\(\s*\$\s?[1-9]"),
            # "gov-jobs-usps.com/apply ($29 processing)"
            _re(r"\(\s*\$\s?[1-9][\d.,]*\s*(?:processing|registration|application|activation|enrol\w*|onboarding|training|"
                r"background check|screening|kit|fee)\b"),
            # A background check or screening with its price: real employers pay for their own checks.
            _re(r"\b(?:background[- ]?checks?|screening|drug tests?)\b.{0,300}?\(\s*\$\s?[1-9]"),
            _re(rf"\b(?:background[- ]?checks?|screening|drug tests?)\b[^.!?\n]{{0,40}}?{MONEY}"),
            # "pay $35 for your safety vest/ID badge"
            _re(rf"\b(?:pay|send|transfer|deposit)\s+(?:{MONEY}|r(?=\d))[\d,.]*\s+(?:\w+\s+)?for\s+"
                rf"(?:(?:your|the|a|an)\s+)?(?:own\s+)?(?:\w+\s+){{0,2}}?(?:{PRICED_THINGS}|vests?|badges?|id cards?|ids?|processing|joining)\b"),
        ),
        # duties, not demands: "process vendor invoices and registration fees"
        unless_before=_re(r"\b(?:process\w*|collect\w*|manag\w*|handl\w*|reconcil\w*|track\w*|invoic\w*|bill\w*|"
                          r"refund\w*)\b"),
    ),
    Rule(
        "fake_check",
        "Mentions a cheque to deposit and money to send on, buy with or return ('send back the difference'). "
        "The cheque bounces days later and you owe the bank what you sent.",
        0.7, FTC_JOBS,
        (
            _re(r"\b(?:deposit|cash|mobile[- ]deposit)\w*\s+(?:\w+\s+){0,4}?(?:checks?|cheques?)\b.{0,160}?"
                r"\b(?:send|wire|transfer|forward|buy|purchase|return|zelle|venmo|cash ?app|gift ?cards?|vendor)"),
            _re(r"\b(?:send|wire|transfer|return|refund|pay|remit|mail)\w*\s+(?:\w+\s+){0,3}?(?:back\s+)?(?:the\s+)?"
                r"(?:difference|overpay\w*|remaining (?:balance|funds|amount)|remainder|(?:extra|excess) (?:amount|funds|"
                r"money))|\b(?:send|wire|transfer|return|refund|pay|remit|mail)\w*\s+(?:\w+\s+){0,3}?back\s+(?:the\s+)?excess"),
            _re(r"\b(?:send|mail|issue|give|courier|overnight)\w*\s+you\s+(?:an?\s+)?(?:\w+\s+){0,2}?(?:checks?|cheques?)"
                r"\b.{0,120}?\b(?:equipment|supplies|laptops?|software|office|materials|work ?station|vendor)"),
            _re(r"\b(?:checks?|cheques?)\s+(?:\w+\s+){0,3}?(?:to|for)\s+(?:buy|purchase|cover|pay for|get)\s+"
                r"(?:\w+\s+){0,3}?(?:equipment|supplies|laptops?|software|office|materials|work ?station)"),
            _re(r"\boverpa(?:id|yment)\b"),
            _re(r"\b(?:checks?|cheques?)\s+(?:for|of|covering)\b.{0,100}?\b(?:plus|and|including|extra|additional)\b"
                r".{0,60}?\b(?:money|funds|amount|cash)\s+(?:for|to)\b"),
            _re(r"\b(?:checks?|cheques?)\b.{0,250}?\bdeposit\w*\s+(?:it|this|them)\b.{0,250}?\b(?:send|sent|wire|"
                r"transfer|forward|buy|purchase|zelle|venmo|cash ?app|vendor|the balance|the rest)\b"),
        ),
    ),
    Rule(
        "gift_cards",
        "Asks for payment in gift cards or their codes. No real employer pays or gets paid in gift cards.",
        0.6, FTC_JOBS,
        (
            _re(r"\b(?:buy|purchase|send|pay\w*|scratch|redeem|load|upload|photos? of|pictures? of|codes? (?:of|from|on))"
                r"\b.{0,80}?\b(?:gift ?cards?|(?:itunes|google play|steam|apple|amazon|ebay|vanilla|walmart|"
                r"target|sephora|razer gold|prepaid|reloadable)\s*(?:gift\s*)?cards?)\b"),
            _re(r"\b(?:gift ?cards?|itunes cards?|google play cards?|steam cards?|vanilla cards?)\b.{0,80}?"
                r"\b(?:codes?|pin|scratch|photos?|pictures?|send|back of)\b"),
        ),
    ),
    Rule(
        "wire_or_money_app",
        "Asks you to send money by wire transfer or a money app (Western Union, MoneyGram, Zelle, Cash App, "
        "Venmo). Scammers want payments that are hard to reverse.",
        0.45, FTC_JOBS,
        (
            _re(r"\b(?:send|wire|transfer|remit|pay)\w*\s+(?:\w+\s+){0,4}?(?:via|through|by|using|with|on|over)\s+"
                r"(?:a\s+)?(?:western union|moneygram|zelle|cash ?app|venmo|world ?remit|remitly|bank wire|wire)\b"),
            _re(r"\b(?:western union|moneygram)\b.{0,60}?\b(?:send|transfer|agent|mtcn|receiver|sender)"),
            _re(r"\b(?:send|wire|transfer)\s+(?:the\s+|your\s+)?(?:money|funds|payment|amount|cash)\s+(?:\w+\s+){0,3}?"
                r"to\s+(?:our|the|a|my)\s+(?:\w+\s+){0,2}?(?:vendor|agent|supplier|account|manager|client)"),
            _re(rf"\b(?:send|sent|wire|transfer|remit|pay)\w*\s+{GAP}{{0,5}}?(?:via|through|by|using|with|on|over)\s+"
                r"(?:a\s+)?(?:western union|moneygram|zelle|cash ?app|venmo|world ?remit|remitly|paypal (?:friends "
                r"(?:and|&) family|f&f))\b"),
            _re(r"\b(?:western union|moneygram)\b.{0,160}?\b(?:send|sent|transfer)"),
            _re(rf"{MONEY_SIGN}[\d,.]*\s+(?:via|through|by|using|on|over)\s+(?:western union|moneygram|zelle|cash ?app|venmo|"
                r"world ?remit|remitly|paypal (?:friends (?:and|&) family|f&f))\b"),
        ),
    ),
    Rule(
        "crypto_payment",
        "Asks you to pay, deposit or move money in cryptocurrency (Bitcoin, USDT…) or through a crypto ATM.",
        0.55, FTC_JOBS,
        (
            _re(r"\b(?:deposit|send|pay|transfer|invest|recharge|top[- ]?up|fund|buy|convert)\w*\b.{0,60}?"
                r"\b(?:bitcoin|btc|usdt|tether|crypto\w*|ethereum|eth|binance|coinbase|trust ?wallet|usdc)\b"),
            _re(r"\b(?:bitcoin|crypto(?:currency)?)\s+atms?\b|\b(?:wallet address|usdt|trc-?20|erc-?20)\b"),
        ),
        negatable=False,  # "it is not a fee", "so you don't lose money": scammers' words; warnings are read apart
    ),
    Rule(
        "reshipping",
        "Asks you to receive packages at home and re-ship or forward them. Reshipping is never a real job: the "
        "goods are usually bought with stolen cards.",
        0.6, FTC_JOBS,
        (
            _re(r"\b(?:receiv|accept|collect|inspect|get)\w*\s+(?:\w+\s+){0,3}?(?:packages?|parcels?|shipments?|"
                r"merchandise|deliveries|items|boxes)\s+(?:\w+\s+){0,6}?(?:at|to|in)\s+(?:your|their)\s+(?:own\s+)?"
                r"(?:home|house|address|residence|apartment|place|door)"),
            _re(r"\b(?:re-?ship|forward|send|mail)\w*\s+(?:\w+\s+){0,2}?(?:them|packages?|parcels?|items|merchandise|"
                r"products|goods|boxes)\s+(?:\w+\s+){0,4}?(?:to\s+)?(?:new|another|other|overseas|international|"
                r"foreign|different|given|provided)\s+(?:\w+\s+){0,2}?(?:address|addresses|locations?|destinations?|"
                r"recipients?|countr\w+)|\b(?:re-?ship|forward|send|mail)\w*\s+(?:\w+\s+){0,2}?(?:them|packages?|"
                r"parcels?|items|merchandise|products|goods|boxes)\s+to\s+(?:the\s+)?(?:address(?:es)?|locations?|"
                r"recipients?)\s+(?:\w+\s+)?(?:provided|given|specified|listed|on the (?:label|list))"),
            _re(r"\bre-?ship(?:ping|per|ment)?\b|\bpackage (?:forward\w*|inspector|processor)\b|"
                r"\bparcel forward\w*"),
            # "when the parcel is delivered to your home ... print the new shipping label I send you"
            _re(r"\b(?:packages?|parcels?|shipments?|goods|items|orders|boxes)\s+(?:\w+\s+){0,3}?(?:is|are|will be|get|gets)\s+"
                r"(?:\w+\s+)?delivered\s+(?:\w+\s+){0,2}?(?:to|at)\s+(?:your|their)\s+(?:home|house|address|residence|"
                r"apartment|place|door)\b.{0,300}?(?:(?:print|attach|use)\s+(?:\w+\s+){0,2}?new\s+(?:shipping\s+)?labels?|"
                r"labels?\s+(?:\w+\s+){0,2}?(?:i|we)\s+(?:will\s+)?(?:send|e-?mail|provide|generate))"),
        ),
    ),
    Rule(
        "money_mule",
        "Asks you to receive money in your own account and pass it on ('payment processor', 'financial agent'). "
        "That is moving stolen money for criminals — being a money mule.",
        0.65, FBI_MULES,
        (
            _re(r"\b(?:receiv|accept|collect|process|handl)\w*\s+(?:\w+\s+){0,4}?(?:funds|payments?|money|transfers?|"
                r"deposits?|donations|remittances)\s+(?:\w+\s+){0,3}?(?:in|into|to|through|via|using|on)\s+(?:your|their)"
                r"\s+(?:own\s+|personal\s+)?(?:bank\s+|checking\s+|savings\s+)?(?:accounts?|paypal|zelle|cash ?app)"),
            _re(r"\bkeep\s+(?:\d+\s*%|a\s+(?:small\s+)?(?:percentage|commission|cut|share|portion)\b).{0,120}?"
                r"\b(?:transfer|send|wire|forward|remit|rest|remainder)"),
            _re(r"\b(?:as|for)\s+(?:a|an|our)\s+(?:\w+\s+)?(?:payment|financial|funds?|transfer|money|transaction)\s+"
                r"(?:processor|agent|representative|receiver|handler|courier|manager)\b.{0,200}?\b(?:your|personal)\s+"
                r"(?:\w+\s+)?accounts?"),
            _re(r"\b(?:use|open|lend|provide)\s+(?:of\s+)?(?:your|a)\s+(?:own\s+|personal\s+|new\s+)?(?:bank\s+)?"
                r"accounts?\s+(?:\w+\s+){0,3}?(?:to|for)\s+(?:receive|process|transfer|collect|accept)"),
            # "receive payments from our customers and send them to us"
            _re(r"\b(?:receiv|accept|collect)\w*\s+(?:\w+\s+){0,3}?(?:payments?|funds|money|transfers)\s+from\s+(?:our\s+)?"
                r"(?:\w+\s+){0,2}?(?:customers|clients|buyers)\s+(?:\w+\s+){0,3}?(?:and|then)\s+(?:\w+\s+){0,2}?(?:send|sent|"
                r"forward|transfer|wire|remit)\w*"),
            # "deduct 10% as your payment and send the rest", "keep your 5% fee and transfer the balance"
            _re(r"\b(?:keep|deduct|retain|take)\s+(?:your\s+|a\s+)?(?:\d+(?:\.\d+)?\s*%|(?:small\s+)?(?:percentage|commission|"
                r"cut|share)\b).{0,160}?\b(?:send|sent|transfer|wire|forward|remit)\w*\s+(?:\w+\s+){0,2}?(?:the\s+)?(?:rest|"
                r"remainder|balance|remaining)\b"),
            # "payments will be received into your personal account ... transfer the balance"
            _re(r"\b(?:funds|payments?|money|transfers?|deposits?)\s+(?:\w+\s+){0,2}?(?:will\s+be|are|is|get)\s+(?:\w+\s+)?"
                r"(?:received|deposited|sent|wired|transferred|paid)\s+(?:in|into|to)\s+your\s+(?:own\s+|personal\s+)?"
                r"(?:bank\s+|checking\s+|savings\s+)?accounts?\b.{0,250}?\b(?:send|sent|transfer|wire|forward|remit)\w*\s+"
                r"(?:\w+\s+){0,3}?(?:the\s+)?(?:rest|remainder|balance|funds|money|it|them)\b"),
        ),
    ),
    Rule(
        "guaranteed_job",
        "Promises a guaranteed job, hire or income. Nobody can guarantee you a job; scammers do.",
        0.35, FTC_JOBS,
        (
            _re(r"\b(?:guaranteed?|100%\s+guaranteed|assured)\s+(?:you\s+)?(?:a\s+|an\s+|your\s+)?(?!base\b|minimum\b|"
                r"hourly\b)(?:\w+\s+)?(?:job|jobs|position|placement|employment|income|hire|hiring|earnings|approval|"
                r"acceptance|offer)\b"),
            _re(r"\b(?:job|position|placement|employment|income|earnings)\s+(?:is\s+)?(?:\w+\s+)?guaranteed\b"),
        ),
    ),
    Rule(
        "easy_money",
        "Promises high pay for little work (a few hours a day from home, no experience needed). If it sounds too "
        "good to be true, it probably is.",
        0.45, FTC_JOBS,
        (
            # Money per day, or a big sum per week, together with little effort.
            _re(r"(?:\$\s?[1-9]\d{2,}[\d,]*(?:\.\d+)?|[1-9]\d{2,}[\d,]*\s?(?:usd|dollars))\+?\s*(?:\w+\s+){0,3}?"
                r"(?:(?:per|a|/|each|every)\s*(?:day|daily|task)|daily)\b.{0,200}?\b(?:home|no experience|part[- ]time|"
                r"spare time|free time|hours?|hrs?|minutes?|easy|simple|anyone)"),
            _re(rf"{FEW_HOURS}.{{0,160}}?(?:\$\s?\d|earn|income|cash|paid|make money|dollars|{MONEY})"),
            _re(rf"(?:{MONEY_SIGN}|earn|income|cash|make money).{{0,160}}?{FEW_HOURS}"),
            _re(r"\b(?:unlimited|uncapped|huge|massive)\s+(?:\w+\s+)?(?:income|earnings|earning potential|cash)\b|"
                r"\b(?:get rich|easy money|quick cash|fast cash|financial freedom|be your own boss|make money from home|"
                r"earn money from home|extra cash from home)\b"),
            # A big sum per week for work anyone can do from home.
            _re(r"(?:\$\s?[1-9]\d{0,2}(?:,\d{3})+|\$\s?[1-9]\d{3,})\+?\s*(?:\w+\s+){0,2}?(?:(?:per|a|/|each|every|last|this|in a)\s*"
                r"(?:week|wk)|weekly)\b.{0,200}?\b(?:from home|no experience|spare time|free time|easy|simple|anyone|"
                r"few hours|part[- ]time|\d\s*(?:hours?|hrs?) (?:a|per) day)"),
            # "part-time jobs can be done online, daily pay 200-800usd"
            _re(r"\b(?:part[- ]time|from home|at home|online|by phone|minutes)\b.{0,150}?\b(?:daily|per day) (?:pay|salary|"
                r"income|earnings?|wages?)\s*(?:of\s+|is\s+|:\s*)?(?:\$\s?[1-9]\d{2,}|[1-9]\d{2,}(?:\s*-\s*\d+)?\s*(?:usd|"
                r"dollars|\$))|\b(?:daily|per day) (?:pay|salary|income|earnings?|wages?)\s*(?:of\s+|is\s+|:\s*)?(?:\$\s?"
                r"[1-9]\d{2,}|[1-9]\d{2,}(?:\s*-\s*\d+)?\s*(?:usd|dollars|\$)).{0,150}?\b(?:part[- ]time|from home|at home|"
                r"online|by phone|minutes)\b"),
        ),
    ),
    Rule(
        "chat_app_interview",
        "Moves the interview or contact to a chat app (Telegram, WhatsApp, Signal, Google Chat, Teams chat…). "
        "Real employers interview by phone, video or in person.",
        0.5, BBB_JOBS,
        (
            _re(r"\b(?:interview\w*|screening|assessment|chat|contact|reach|message|text|add|dm|speak|talk|"
                r"hiring manager|recruiter|onboarding|apply|send)\b(?:\W+\w+){0,12}?\W+(?:on|via|through|using|over|in|at|"
                r"with|to)\s+(?:the\s+|our\s+|my\s+)?(?:telegram|whats\s?app|signal|google\s+(?:chat|hangouts?)|"
                r"hangouts?|(?:microsoft\s+)?teams\s+(?:chat|messag\w+|app chat)|wickr|wire app|kik|wechat|"
                r"line app|skype\s+(?:chat|im|instant messag\w*)|discord|viber|threema|element app)\b"),
            _re(r"\b(?:download|install|create|open|set up)\s+(?:\w+\s+){0,2}?(?:telegram|whats\s?app|signal|wickr|"
                r"google hangouts|kik|wechat|viber|threema)\b"),
            _re(r"\bt\.me/\w+|\bwa\.me/\d+|\b(?:telegram|signal|whats\s?app)\s*(?:id|handle|username|number)?\s*[:@]\s*@?\w"),
            _re(r"\b(?:chat[- ]based|text[- ]based|text[- ]only|instant[- ]messag\w+)\s+interviews?\b|\binterview\w*\s+"
                r"(?:\w+\s+){0,4}?(?:by|via|over|through)\s+(?:an?\s+)?(?:instant messag\w+|(?:text )?chat|text messag\w+)\b"),
        ),
        negatable=False,
    ),
    Rule(
        "offer_without_interview",
        "Offers a job without any interview, or says you were selected from your résumé alone.",
        0.45, FTC_JOBS,
        (
            _re(r"\bno\s+(?:\w+\s+)?interviews?\s+(?:is\s+)?(?:required|needed|necessary)|\bwithout\s+(?:an?\s+|any\s+)?"
                r"(?:formal\s+|prior\s+)?interviews?\b|\bhired\s+(?:instantly|on the spot|immediately)\b|"
                r"\binstant(?:ly)?\s+(?:hire|hiring|approval|job offer)"),
            _re(r"\b(?:reviewed|saw|found|came across|impressed (?:by|with)|based on|after reviewing)\s+(?:\w+\s+){0,3}?"
                r"(?:resume|résumé|cv|profile)\b.{0,150}?\b(?:selected|hired|offer(?:ing)? you|approved|chosen|"
                r"you(?:'ve| have)? (?:got|been given) the (?:job|position))"),
            _re(r"\byou\s+(?:have\s+been|'ve\s+been|were|are|got)\s+(?:\w+\s+)?(?:hired|approved|selected|chosen|"
                r"accepted)\s+(?:\w+\s+){0,2}?(?:for|as)\s+(?:the|this|a|an|our)\s+(?:\w+\s+){0,4}?(?:position|role|job|"
                r"post|vacancy)\b(?!.{0,200}\binterview)"),
            _re(r"\byou\s+(?:have\s+been|'ve\s+been|are\s+now|are)\s+(?:officially\s+)?hired\s+(?:as|for)\s+(?:our|a|an|the)\b"
                r"(?!.{0,200}\binterview)"),
            _re(r"\byou['’]ve\s+been\s+(?:\w+\s+)?(?:hired|approved|selected|chosen|accepted)\s+(?:\w+\s+){0,2}?(?:for|as)"
                r"\s+(?:the|this|a|an|our)\s+(?:\w+\s+){0,4}?(?:position|role|job|post|vacancy)\b(?!.{0,200}\binterview)"),
            _re(r"\b(?:your|the)\s+application\s+(?:\w+\s+){0,6}?(?:has\s+been|was|is|got)\s+(?:\w+\s+)?(?:approved|"
                r"pre-?approved)\b(?!.{0,250}\binterview)"),
        ),
        negatable=False,
        unless=_re(r"\b(?:after|following|from|during|at|in|thank you for|enjoyed|since)\s+(?:\w+\s+){0,3}?interviews?\b"),
    ),
    Rule(
        "personal_info_early",
        "Asks for your Social Security number, bank or card details, or a copy of your ID before any real offer "
        "and hiring paperwork. Thieves use them to open accounts in your name.",
        0.5, FBI_PSA,
        (
            _re(r"\b(?:send|provide|submit|need|require|fill|email|forward|upload|share|attach|give|confirm|verify|return|"
                r"include|request|text)\w*\b(?:\W+\w+){0,4}?\W+(?:your|ur|their|his|her)\s+(?:full\s+|valid\s+)?"
                r"(?:ssn|social security(?: number)?|(?:bank|checking)\s+"
                r"(?:account|routing|login|details|information|info|card|statement|username|password)s?|direct deposit "
                r"(?:details|information|info|form)|routing "
                r"number|account number|credit card|debit card|card (?:number|details)|cvv|online banking|"
                r"(?:photo|picture|copy|scan|image)s? of (?:your |the |a )?(?:\w+\s+){0,2}(?:id|identification|"
                r"licen[cs]e|passport|card)|government[- ]issued id|mother'?s maiden)"),
            _re(r"\b(?:send|provide|submit|email|forward|upload|share|attach|give|text|reply|need|require)\w*\b(?:\W+\w+){0,3}?"
                r"\W+(?:a\s+)?"
                r"(?:photo|picture|copy|scan|image|selfie)s?\s+(?:of|with)\s+(?:your|their)\s+(?:[\w'’]+\s+)?(?:id|"
                r"identification|licen[cs]e|passport|ssn|social security card|bank card|credit card|debit card)\b"),
            _re(r"\b(?:ssn|social security(?: number)?|bank (?:account|details|info\w*)|routing number|credit card|"
                r"debit card|copy of (?:your )?(?:id|passport|driver'?s licen[cs]e))\b(?:\W+\w+){0,5}?\W+(?:is|are)?\s*"
                r"(?:required|needed|necessary|mandatory)\s+(?:to|for|before)\s+(?:\w+\s+){0,2}?(?:apply|process|"
                r"interview|proceed|consider|verify|secure|reserve|set up|start)"),
            _re(r"\b(?:online|internet|mobile)\s+banking\s+(?:user\s?(?:name|id)|login|log-in|password|pin|credentials)\b|"
                r"\bbank(?:ing)?\s+(?:password|pin|login credentials)\b"),
            # A form to fill in: the label, its colon, and nothing after it on the line (a receipt's label has a value).
            _re(r"\b(?:ssn|social security (?:number|no\.?|#)|(?:account|routing)\s+(?:number|no\.?|#)|copy of "
                r"(?:your\s+)?(?:id|identity card|identification|passport|driver'?s licen[cs]e))[ \t]*:[ \t_.]*(?:\n|$)"),
            # "send your resume, SIN and a void cheque to my personal email"
            _re(r"\b(?:send|provide|submit|email|forward|share|attach|give|text|reply with)\w*\b[^.!?\n]{0,60}?\b(?:ssn|sin|"
                r"social (?:security|insurance) (?:number|no)|national insurance number|aadhaa?r|pan card|void(?:ed)? "
                r"(?:cheque|check)|bank (?:details|account details)|passport (?:copy|scan|photo))\b"),
            _re(r"\bselfie\s+(?:\w+\s+){0,3}?(?:holding|with)\s+(?:[\w'’]+\s+){0,2}?(?:id|licen[cs]e|passport|card|aadhaa?r|pan)\b"),
            # A one-time code is the key to an account: nobody hiring needs it.
            _re(r"\b(?:share|send|forward|tell|give|provide|reply with)\b[^.!?]{0,200}?\b(?:otp|one[- ]time (?:password|"
                r"code|pin)|verification code|security code)\b"),
        ),
        unless=LATER,
    ),
    Rule(
        "task_job",
        "A 'task' or 'optimization' job: rating products, apps or videos for commission, often with a deposit "
        "to 'unlock' tasks. These are task scams: the deposits are never returned.",
        0.6, FTC_JOBS,
        (
            _re(r"\b(?:app|apps|product|products|data|rating|review|order|hotel|merchant|brand)\s+optimi[sz]\w*\b"
                r".{0,200}?\b(?:commission|earn|paid|profit|salary|\$|deposit|recharge|tasks?)\b"),
            _re(r"\boptimi[sz]\w*\s+(?:\w+\s+)?(?:tasks?|orders?)\b"),
            _re(r"\b(?:complete|finish|do|submit|work on)\s+(?:\d+\s+|simple\s+|easy\s+|daily\s+|online\s+)*[\"“]?(?:\w+\s+)?"
                r"(?:tasks?|sets?|orders?|ratings?)\b.{0,120}?\b(?:commission|earn|paid|profit|\$|usdt)"),
            _re(r"\b(?:recharge|top[- ]?up|prepay|reset)\w*\s+(?:\w+\s+){0,4}?(?:your\s+)?(?:account|balance|tasks?|"
                r"combo|orders?|wallet)\b|\bcombo (?:tasks?|orders?|products?)\b|\bnegative balance\b"),
            _re(r"\b(?:like|rate|rating|review|click|watch|follow|subscribe to|give)\b[^.!?\n]{0,60}?\b(?:youtube|tiktok|"
                r"instagram|videos?|products?|posts?|hotels?|apps?|channels?)\b[^\n]{0,60}?(?:[₹£€₦₱]\s?\d|\brs(?:\.\s?|\s)\d|"
                r"\binr\s\d)"),  # paid in dollars: the next pattern
            _re(r"\b(?:like|rate|review|click|watch|follow|subscribe to)\s+(?:\w+\s+){0,2}?(?:youtube|tiktok|instagram|"
                r"amazon)?\s*(?:videos?|products?|posts?|hotels?|apps?|channels?|ads?)\b.{0,100}?\b(?:earn|paid|"
                r"commission|\$|per (?:task|like|video|review))"),
        ),
    ),
    Rule(
        "mystery_shopper",
        "Recruits you by text or e-mail as a paid 'mystery' or 'secret shopper'. The FTC warns that such offers are "
        "rarely real jobs: many send a cheque to deposit and ask you to send money on, or sell you a certification.",
        0.45, FTC_MYSTERY,
        (
            _re(r"\b(?:mystery|secret)\s+shop(?:per|pers|ping)\b.{0,200}?\b(?:earn|paid|pay|\$|assignments?|compensat\w*)|"
                r"\b(?:earn|paid|pay|\$)[^.!?\n]{0,120}?\b(?:mystery|secret)\s+shop(?:per|pers|ping)\b"),
        ),
        applies_to="message",
    ),
    Rule(
        "run_their_software",
        "Asks you to install an app from a link instead of an app store, or to run their code or a command on your "
        "own computer as part of hiring. Such programs steal passwords, wallets and files.",
        0.55, FBI_MALWARE,
        (
            _re(r"\.apk\b|\bnot (?:available )?(?:on|in) (?:the )?(?:play ?store|google play|app store)\b"),
            _re(r"\bcurl\s+(?:-\w+\s+)*\S+\s*\|\s*(?:sudo\s+)?(?:ba|z)?sh\b"),
            _re(r"\b(?:npm|yarn|pnpm)\s+(?:install|i|start|run)\b.{0,300}?\b(?:(?:your|the)\s+(?:main|own|personal|"
                r"primary)\s+(?:machine|computer|laptop)|not (?:in |on )?a (?:vm|virtual machine|sandbox|container))"),
        ),
    ),
    Rule(
        "pressure",
        "Pressures you to act at once (the offer expires in hours, limited slots). Scammers rush you so you "
        "don't stop to check.",
        0.2, FTC_JOBS,
        (
            _re(r"\b(?:act|apply|respond|reply|start|sign|confirm|accept|register|join)\s+(?:\w+\s+)?(?:now|immediately|"
                r"today|asap|right away|within\s+\d+\s*(?:hours?|hrs?|minutes?|mins?))\b.{0,80}?\b(?:or\s+(?:else|we|the|"
                r"this|you|your)|before\s+(?:it|the|we|slots?)|otherwise|limited|forfeit|lose|given to)"),
            _re(r"\b(?:limited|few|only \d+)\s+(?:slots?|spots?|seats?|openings?)\s+(?:left|remaining|available)\b"),
            _re(r"\b(?:offer|position|spot|slot|seat)\s+(?:will\s+)?(?:expire|be (?:given|offered)|go)\w*\s+"
                r"(?:\w+\s+){0,3}?(?:to (?:someone|another|the next)|within|in\s+\d+|today|tonight|soon|if you don'?t)"),
            _re(r"\b(?:urgent(?:ly)?|immediate(?:ly)?)\s+(?:reply|respond|response|attention|action)\s+(?:is\s+)?"
                r"(?:required|needed)|\bdon'?t\s+miss\s+(?:this|out)|\bfirst come,? first served|\bact fast\b"),
        ),
        negatable=False,
    ),
    Rule(
        "vague_duties",
        "Says little about the work itself (simple tasks, anyone can do it, no experience or skills needed) while "
        "talking up the pay. Real postings describe duties and requirements.",
        0.15, BBB_JOBS,
        (
            _re(r"\b(?:no\s+(?:prior\s+|previous\s+|special\s+|work\s+)?(?:experience|skills?|qualifications?|degree|"
                r"resume|cv)\s+(?:is\s+)?(?:required|necessary|needed)|anyone can (?:do|apply|join)|suitable for (?:all|"
                r"everyone|anyone)|simple (?:tasks?|work|job)|easy (?:tasks?|work|job)|copy[- ]paste|just (?:need|have) "
                r"(?:a\s+)?(?:phone|smartphone|computer|laptop|internet))\b"),
        ),
        negatable=False,
    ),
    Rule(
        "freemail_contact",
        "Tells you to apply or reply to a free e-mail address (Gmail, Yahoo, Outlook…) while speaking for a "
        "company. Real companies hire from their own domain.",
        0.3, BBB_JOBS,
        (),
        applies_to="posting",
    ),
]
RULES += HEADER_RULES
RULES = [Rule(**{**r.__dict__, "keywords": frozenset(KEYWORDS.get(r.id, "").split())}) for r in RULES]
RULES_BY_ID = {r.id: r for r in RULES}
# The same patterns without re.I, run on the lower-cased text: case-insensitive matching costs the
# regex engine its fast first-character scan (2-5x slower). The patterns hold no upper-case letters.
# Prefixed finds where each can start with str.find (see prefixes.py) instead of trying every position.
_LOWER = {id(p): Prefixed(re.compile(p.pattern, p.flags & ~re.I)) for r in RULES for p in r.patterns}
