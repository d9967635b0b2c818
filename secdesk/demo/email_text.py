"""The words of the demo's enquiries, written to read like the e-mails the SECAS helpdesk
gets: several phrasings a category, some generic, some about two topics, some replies —
so that a classifier trained on them (and measured on them, bench/bench_categories.py)
meets something like the real mix, not two fixed subjects a category."""

from __future__ import annotations

import random

SECTIONS = "ABCDEFGHIJKLMNOPX"

# category → (subjects, sentences of a body). {s}: an SEC Section; {m}: a modification.
TOPICS: dict[str, tuple[tuple[str, ...], tuple[str, ...]]] = {
    "Applications": (
        (
            "Accession application status",
            "How do we apply to accede to the SEC?",
            "Application to become an SEC Party",
            "Accession form query",
            "Framework Agreement signature",
            "Credit assessment for our accession",
        ),
        (
            "We would like to accede to the Smart Energy Code and become a Party.",
            "Could you tell us where our accession application has got to?",
            "We submitted the accession form last week and have not heard back.",
            "Which documents do we need to send with the application to accede?",
            "Our signed Framework Agreement is attached for your records.",
            "Is there a fee for acceding as an Other SEC Party?",
        ),
    ),
    "Sub-Committees": (
        (
            "SSC meeting papers",
            "TABASC membership query",
            "Operations Group agenda item",
            "Nomination for the Security Sub-Committee",
            "Sub-Committee minutes request",
        ),
        (
            "Could you send the papers for next month's SSC meeting?",
            "We would like to nominate a representative to the Sub-Committee.",
            "Please add an item to the Operations Group agenda.",
            "Are the minutes of the last TABASC meeting published yet?",
            "Who chairs the Security Sub-Committee this year?",
        ),
    ),
    "Consultation Correspondence": (
        (
            "Response to consultation",
            "Consultation deadline",
            "Our response to the SEC consultation on {m}",
            "Consultation questions",
            "Late consultation response",
        ),
        (
            "Please find attached our response to the consultation.",
            "Is the consultation deadline still the end of the month?",
            "We would like an extension to respond to the consultation.",
            "Our consultation response to question 3 is confidential.",
            "Could you confirm you received our consultation response?",
        ),
    ),
    "Contact Info": (
        (
            "Update our operations contacts",
            "Change of notices address",
            "New contact details",
            "Please remove a contact",
            "Change in Party Details",
        ),
        (
            "Please update our operations contact list with the details below.",
            "Our notices address has changed to the address below.",
            "Please remove our former incident manager from the contact list.",
            "Our new 24x7 contact telephone number is below.",
            "Could you confirm the contacts you hold for us?",
        ),
    ),
    "General Queries": (
        (
            "Question about SEC Section {s}",
            "Where can I find the SEC?",
            "Query about the Code",
            "SEC obligations question",
            "Interpretation of Section {s}",
            "Which version of the SEC applies?",
        ),
        (
            "Could you point me to the current version of the Smart Energy Code?",
            "We have a question about our obligations under Section {s} of the SEC.",
            "How should we read Section {s} in our situation?",
            "Where on the website can I find the latest SEC and its schedules?",
            "Does this obligation apply to us as a Small Supplier?",
            "I could not find the answer in the SEC itself.",
        ),
    ),
    "Panel & Board Correspondence": (
        (
            "Letter to the SEC Panel",
            "Panel decision query",
            "Appeal of a Panel decision",
            "Correspondence for the Panel Chair",
            "Panel meeting request",
        ),
        (
            "Please pass the attached letter to the SEC Panel.",
            "We would like to understand the Panel's decision on our request.",
            "We wish to appeal the Panel decision and ask for it to be reconsidered.",
            "Could the Panel Chair consider this at the next meeting?",
            "When will the Panel publish its decision?",
        ),
    ),
    "Modifications": (
        (
            "Raising a modification",
            "Modification proposal status",
            "{m} progress",
            "Draft proposal form",
            "Change to the SEC: proposal",
            "Impact assessment for {m}",
        ),
        (
            "We would like to raise a modification proposal to change the SEC.",
            "What is the status of modification {m}?",
            "Our draft proposal form is attached for the Change team.",
            "When will {m} go to the Change Board?",
            "Could you send the impact assessment for {m}?",
            "We support the modification and would like to join the working group.",
        ),
    ),
    "User CIO Assessments": (
        (
            "Booking a FUSA",
            "Security self-assessment due date",
            "User CIO assessment dates",
            "Remediation plan for our VUSA",
            "Privacy assessment booking",
            "Director's letter for the SSC",
        ),
        (
            "We would like to book our Full User Security Assessment with the User CIO.",
            "When is our security self-assessment due?",
            "Please find our remediation plan following the verification assessment.",
            "Could the User CIO fieldwork start in the week we proposed?",
            "We need to book a Full User Privacy Assessment as an Other SEC Party.",
            "Our director-signed letter for SSC approval is attached.",
        ),
    ),
    "Party/RDP Signifiers": (
        (
            "Request for Party Signifier",
            "EUI-64 range query",
            "New Party Signifier",
            "ID allocation request",
            "RDP Signifier",
        ),
        (
            "We need a Party Signifier allocated before we start testing.",
            "Could you allocate an EUI-64 range for our devices?",
            "Please confirm the ID allocation recorded for us.",
            "We are a Registration Data Provider and need an RDP Signifier.",
            "Our EUI-64 block is nearly used up.",
        ),
    ),
    "Training Days/Seminars": (
        (
            "SEC training day places",
            "Seminar slides request",
            "Booking the SEC induction",
            "Webinar recording",
            "Training for new staff",
        ),
        (
            "Are there places left on the next SEC training day?",
            "Could you send the slides from last week's seminar?",
            "We would like to book two new colleagues on the SEC induction.",
            "Is a recording of the webinar available?",
            "Do you run training on the SEC for new starters?",
        ),
    ),
    "Other": (
        (
            "Invoice query",
            "Miscellaneous enquiry",
            "Charges query",
            "Freedom of information request",
            "Website login problem",
        ),
        (
            "We have a question about the SEC charges on our latest invoice.",
            "Please send a copy of the invoice to our accounts team.",
            "I cannot log in to the SEC website.",
            "This is a request under the Freedom of Information Act.",
            "Who should we speak to about this?",
        ),
    ),
}
GENERIC_SUBJECTS = ("Query", "SEC query", "Question", "Help please", "Enquiry", "Request")
# Bodies that say nothing of their topic ("see attached"): the category is in an
# attachment or an earlier call, as it often is.
GENERIC_BODIES = (
    "Please see the attached.",
    "Following our call, please see below.",
    "Could you help with the query below?",
    "Could someone call me back about this?",
    "Please see my earlier e-mail.",
)
OPENINGS = ("Hello,", "Dear SECAS,", "Hi there,", "Good morning,", "Dear Helpdesk,")
CLOSINGS = ("Many thanks", "Kind regards", "Thanks", "Best regards", "Regards")


def _fill(text: str, rng: random.Random) -> str:
    return text.format(s=rng.choice(SECTIONS), m=f"MP{rng.randint(100, 260)}")


def email_text(category: str, rng: random.Random, sender: str) -> tuple[str, str]:
    """(subject, body) of an e-mail about ``category``: now and then with a generic
    subject, a second topic, or as a reply."""
    subjects, sentences = TOPICS.get(category, ((category,), (f"A question about {category}.",)))
    subject = _fill(rng.choice(subjects), rng)
    if rng.random() < 0.12:
        subject = rng.choice(GENERIC_SUBJECTS)
    if rng.random() < 0.1:
        subject = f"RE: {subject}"
    said = [_fill(s, rng) for s in rng.sample(sentences, k=min(len(sentences), rng.randint(1, 3)))]
    if rng.random() < 0.1:
        said = [rng.choice(GENERIC_BODIES)]
    if rng.random() < 0.15:  # and something else while they are writing
        other = rng.choice([name for name in TOPICS if name != category])
        said.append("Also: " + _fill(rng.choice(TOPICS[other][1]), rng).lower())
    body = "\n".join([rng.choice(OPENINGS), *said, rng.choice(CLOSINGS), sender])
    return subject, body


def call_note(category: str, rng: random.Random) -> tuple[str, str]:
    """(subject, note) of a telephone enquiry as the helpdesk writes it up."""
    subjects, sentences = TOPICS.get(category, ((category,), (f"Asked about {category}.",)))
    return _fill(rng.choice(subjects), rng), "Caller: " + _fill(rng.choice(sentences), rng)
