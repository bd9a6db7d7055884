"""The words each red-flag rule needs (catalogue.RULES): a rule whose words are all absent is skipped."""

# A rule's patterns cannot match unless one of its words is in the text: checking a set first keeps
# a check well under a millisecond. Every pattern's required words must be listed here (tests check
# each rule's examples, so a missing word shows up as a failing positive example).
KEYWORDS = {
    "pay_to_work": "fee fees pay paying purchase purchasing buy buying order deposit deposits cost costs charge "
                   "charges reimbursed reimburse reimbursement reimbursable invest investment payment payments cover "
                   "$ £ € refunded enrol enroll enrolling reserve register send transfer background screening drug",
    "fake_check": "check checks cheque cheques overpaid overpayment difference remainder excess remaining",
    "gift_cards": "gift giftcard giftcards itunes play steam vanilla prepaid reloadable",
    "wire_or_money_app": "western moneygram zelle cashapp cash venmo wire remitly worldremit money funds payment amount "
                         "paypal",
    "crypto_payment": "bitcoin btc usdt usdc tether crypto cryptocurrency cryptocurrencies ethereum eth binance "
                      "coinbase wallet trc erc",
    "reshipping": "packages package parcels parcel shipments shipment merchandise deliveries items boxes reship orders "
                  "reshipping reshipper reshipment ship goods products them",
    "money_mule": "account accounts paypal zelle keep processor agent representative receiver handler courier "
                  "deduct retain buyers",
    "guaranteed_job": "guarantee guaranteed guarantees assured",
    "easy_money": "day daily unlimited uncapped huge massive rich easy quick fast financial boss money cash week "
                  "weekly",
    "chat_app_interview": "telegram whatsapp whats signal google hangouts hangout teams wickr wire kik wechat line "
                          "skype discord viber threema element t wa chat text instant",
    "offer_without_interview": "interview interviews hired hire hiring instant instantly resume résumé cv profile "
                               "selected approved chosen accepted",
    "personal_info_early": "ssn social bank checking routing account credit debit card cvv banking id identification "
                           "license licence passport maiden selfie password pin identity sin insurance aadhaar aadhar pan "
                           "void otp verification",
    "mystery_shopper": "mystery secret",
    "run_their_software": "apk store playstore play curl npm yarn pnpm",
    "task_job": "optimization optimisation optimize optimise optimizing optimising tasks task sets orders order "
                "ratings recharge top topup prepay reset combo negative like rate review click watch follow subscribe "
                "rating",
    "pressure": "now immediately today asap away within limited few only expire expires expiring given offered "
                "urgent urgently immediate miss first act fast go",
    "vague_duties": "experience skills skill qualification qualifications degree resume cv anyone suitable simple "
                    "easy copy just",
}
