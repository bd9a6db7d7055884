"""Every rule: scams in varied wording must trip it; legitimate text that shares words must not."""

import pytest

from keepwarm.scams.rules import Context, find_flags


def flag_ids(text, kind="posting"):
    return {f.rule.id for f in find_flags(Context(text, kind=kind))}


POSITIVE = {
    "pay_to_work": [
        "Before your first shift you will need to purchase the starter kit ($89) from our supplier.",
        "A one-time registration fee of $45 is required to activate your account.",
        "New hires are required to pay for their own background check, which costs $60.",
        "Training costs 150 dollars, which will be reimbursed in your first paycheck.",
        "Candidates must cover the onboarding fee before equipment is shipped.",
        "You'll buy your laptop and software through our approved vendor portal.",
    ],
    "fake_check": [
        "We will mail you a cheque; deposit it and send the remaining balance to our equipment vendor.",
        "Cash the check at your bank, keep $300 as your pay and wire the rest to the vendor.",
        "We will send you a check to purchase office equipment for your home work station.",
        "There was an overpayment on your check, kindly send back the difference via Zelle.",
    ],
    "gift_cards": [
        "Purchase 5 Apple gift cards at Walmart and send us pictures of the codes.",
        "Please buy Google Play cards for the client and text me the scratched PINs.",
        "Scratch the back of the Vanilla cards and email the codes to your supervisor.",
    ],
    "wire_or_money_app": [
        "Send the funds via Western Union to our agent in Lagos.",
        "You will transfer the payment using Cash App to the client.",
        "Then wire the money to our supplier account listed below.",
    ],
    "crypto_payment": [
        "Deposit the balance into the Bitcoin ATM at the gas station near you.",
        "Recharge your work account with 100 USDT to unlock premium tasks.",
        "Convert the funds to crypto and send them to the wallet address we give you.",
    ],
    "reshipping": [
        "You will receive packages at your home, inspect them and re-ship them to our overseas clients.",
        "Job duties: accept parcels delivered to your residence and forward them to new addresses.",
        "Position: Package Forwarding Coordinator, work from home.",
        "Repackage the items and send the boxes to the addresses provided by your manager.",
    ],
    "money_mule": [
        "As a payment processor you will receive customer payments into your personal bank account.",
        "Keep 10% as your commission and transfer the rest to our overseas partner.",
        "You'll accept donations through your own PayPal and forward them to the charity.",
        "We are hiring for a financial agent position; funds will arrive in your personal account.",
    ],
    "guaranteed_job": [
        "Guaranteed job placement after completing our program!",
        "We guarantee you a position with a Fortune 500 company.",
        "Income is guaranteed from week one.",
    ],
    "easy_money": [
        "Earn $500 per day working from home, no experience needed.",
        "Only 2 hours a day and you could make $3,000 weekly.",
        "Spend 30 minutes a day & get big cash.",
        "Unlimited income potential, be your own boss!",
    ],
    "chat_app_interview": [
        "The interview will be conducted via Telegram with our hiring manager.",
        "Please download Signal and add our recruiter for your online interview.",
        "Contact HR on WhatsApp: +1 555 0100 to schedule the screening.",
        "Kindly set up a Google Hangouts account; the interview is on Google Chat.",
        "Message me at t.me/recruiter_jane to proceed.",
        "Your interview will take place over Teams chat, text only.",
    ],
    "offer_without_interview": [
        "No interview is required, you can start on Monday.",
        "We reviewed your resume on Indeed and you have been selected for the data entry position.",
        "Congratulations, you have been hired as our remote administrative assistant!",
        "Get hired instantly without any interview.",
    ],
    "personal_info_early": [
        "To proceed with your application, send your SSN and date of birth.",
        "Kindly provide your bank account details so we can process your equipment check.",
        "Please upload a photo of your driver's license and your social security card.",
        "Your social security number is required to process your application.",
    ],
    "task_job": [
        "Earn commission by completing app optimization tasks, 40 tasks per set.",
        "Complete 3 sets of product ratings daily and earn up to $200 commission.",
        "Your account has a negative balance; top up your account to finish the combo order.",
        "Like YouTube videos and get paid $5 per video.",
    ],
    "pressure": [
        "Reply within 24 hours or the position will be given to another candidate.",
        "Only 3 slots left, first come first served!",
        "This offer expires tonight if you don't confirm.",
        "Urgent response required.",
    ],
    "vague_duties": [
        "Simple tasks, anyone can do it.",
        "No experience required. You just need a smartphone.",
    ],
    "freemail_contact": [
        "Our HR department is hiring now: send your CV to hiring.dept.acme@gmail.com",
    ],
}

NEGATIVE = {
    "pay_to_work": [
        "A background check will be conducted by us at no cost to you.",
        "We provide all equipment, including a company-issued laptop.",
        "Training is paid and takes place in our Denver office.",
        "There are never any fees to apply for a position with us.",
        "You will process vendor invoices and registration fees for conferences.",
    ],
    "fake_check": [
        "You will reconcile deposits and prepare cheques for signature by the controller.",
        "Check out our careers page for more roles.",
        "Paychecks are issued every other Friday by direct deposit.",
    ],
    "gift_cards": [
        "Employees receive a $50 gift card on their birthday.",
        "Experience with gift card programs and loyalty systems is a plus.",
    ],
    "wire_or_money_app": [
        "Process incoming wire transfers and reconcile bank statements daily.",
        "Experience with Zelle and ACH payment integrations.",
    ],
    "crypto_payment": [
        "Blockchain engineer: build smart contracts for our crypto exchange (Rust, Solidity).",
    ],
    "reshipping": [
        "Warehouse associate: receive shipments at our distribution center and stock shelves.",
        "Forward calls to the correct department and greet visitors.",
    ],
    "money_mule": [
        "Integrate our checkout with payment processors such as Stripe and Adyen.",
        "Pay is deposited directly into your bank account every two weeks.",
    ],
    "guaranteed_job": [
        "Guaranteed base salary plus commission.",
        "We cannot guarantee placement, but our career services team will help.",
    ],
    "easy_money": [
        "Pay: $22 per hour, 40 hours per week, full benefits.",
        "Salary $85,000 - $95,000 per year depending on experience.",
    ],
    "chat_app_interview": [
        "The interview is a 45-minute video call on Zoom with the hiring manager.",
        "Our team collaborates with Slack and Google Docs.",
        "You will manage our WhatsApp Business marketing campaigns.",
    ],
    "offer_without_interview": [
        "After two rounds of interviews, you have been selected for the position.",
        "Selected candidates will be invited to an on-site interview.",
    ],
    "personal_info_early": [
        "Must have a valid driver's license and a clean driving record.",
        "Please bring your social security card and ID on your first day for I-9 verification.",
        "We will never ask for your bank details during the application process.",
        "Processing credit card payments at the front desk.",
    ],
    "task_job": [
        "Search engine optimization: improve our website's ranking and content.",
        "Complete assigned tasks on time and report to the project manager.",
    ],
    "pressure": [
        "We review applications on a rolling basis and respond within two weeks.",
        "Apply today to join a growing team.",
    ],
    "vague_duties": [
        "Responsibilities: maintain CI pipelines in Python; 3+ years of experience required.",
    ],
    "freemail_contact": [
        "Send your CV to careers@acme-corp.com; our HR department will reply.",
    ],
}


@pytest.mark.parametrize("rule,text", [(r, t) for r, ts in POSITIVE.items() for t in ts])
def test_rule_fires_on_scam_wording(rule, text):
    assert rule in flag_ids(text), f"{rule} missed: {text}"


@pytest.mark.parametrize("rule,text", [(r, t) for r, ts in NEGATIVE.items() for t in ts])
def test_rule_quiet_on_legitimate_wording(rule, text):
    assert rule not in flag_ids(text), f"{rule} fired on: {text}"


def test_every_rule_has_explanation_weight_and_named_source():
    from keepwarm.scams.rules import RULES

    ids = [r.id for r in RULES]
    assert len(ids) == len(set(ids))
    for r in RULES:
        assert len(r.explanation) > 30 and 0 < r.weight < 1
        assert r.source.split(":")[0] and "https://" in r.source
        assert any(name in r.source for name in ("FTC", "FBI", "BBB"))


def test_evidence_is_the_triggering_words():
    (flag,) = [f for f in find_flags(Context("Please pay the $75 registration fee today.")) if f.rule.id == "pay_to_work"]
    assert "registration fee" in flag.evidence


def test_lookalike_link_in_posting():
    ids = flag_ids("Apply at https://careers.amaz0n-jobs.com/apply today.")
    assert "lookalike_domain" in ids
    assert "lookalike_domain" not in flag_ids("Apply at https://www.amazon.jobs/en/ today.")
