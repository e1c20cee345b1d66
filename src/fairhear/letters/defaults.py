# ruff: noqa: E501 (a paragraph of a letter is one line: a line break in the text is one in the letter)
"""The default template set: each letter kind's standard and young person's versions, used
until the complaints manager saves the council's own wording (and again if it is removed)."""

from fairhear.letters.kinds import Audience, LetterKind

_SIGN_OFF = """
Yours sincerely

{{ sender_name }}
Complaints team, {{ council_name }}
{% if complaints_phone %}Phone: {{ complaints_phone }}
{% endif %}{% if complaints_email %}Email: {{ complaints_email }}
{% endif %}"""

_YOUNG_SIGN_OFF = """
From {{ sender_name }}
Complaints team, {{ council_name }}
{% if complaints_phone %}Phone us: {{ complaints_phone }}
{% endif %}{% if complaints_email %}Email us: {{ complaints_email }}
{% endif %}"""

_ADVOCACY = """{% if advocacy_service %}
If you are a child or young person, you can have an advocate to help you: {{ advocacy_service }}. We can put you in touch.
{% endif %}"""

_YOUNG_ADVOCACY = """{% if advocacy_service %}
An advocate is someone on your side who can help you say what you think. You can have one for free: {{ advocacy_service }}. Tell us and we will put you in touch.
{% endif %}"""

_OMBUDSMAN = """
If you are still unhappy, you can ask the Local Government and Social Care Ombudsman to look at your complaint. The Ombudsman is free and independent of the council.

{{ ombudsman_address }}
Phone: {{ ombudsman_phone }}
Website: {{ ombudsman_website }}
"""

_YOUNG_OMBUDSMAN = """
If you are still not happy, you can ask the Ombudsman to look at it. The Ombudsman is free and does not work for the council.

{{ ombudsman_address }}
Phone: {{ ombudsman_phone }}
Website: {{ ombudsman_website }}
"""

#: (subject, body) of each kind's two versions.
DEFAULTS: dict[tuple[LetterKind, Audience], tuple[str, str]] = {
    (LetterKind.ACKNOWLEDGEMENT, Audience.STANDARD): (
        "Your complaint {{ reference }}: we have received it",
        """Dear {{ complainant_name }}

Thank you for your complaint, which we received on {{ received }}. Your reference is {{ reference }}.

We are dealing with it under the children's social care complaints procedure (Stage 1, local resolution). The manager of the service will reply to you by {{ stage_1_due }}. If we need longer, we will tell you why and give you a new date.
"""
        + _ADVOCACY
        + _SIGN_OFF,
    ),
    (LetterKind.ACKNOWLEDGEMENT, Audience.YOUNG_PERSON): (
        "We got your complaint ({{ reference }})",
        """Hello {{ complainant_name }}

Thank you for telling us you are not happy. We got your complaint on {{ received }}. Your complaint number is {{ reference }}.

A manager will look at what you told us and write back to you by {{ stage_1_due }}. If they need more time, we will tell you why.
"""
        + _YOUNG_ADVOCACY
        + _YOUNG_SIGN_OFF,
    ),
    (LetterKind.EXTENSION, Audience.STANDARD): (
        "Your complaint {{ reference }}: more time to reply",
        """Dear {{ complainant_name }}

We need more time to reply to your complaint at {{ extended_stage }}: {{ extension_reason }}

We will now reply by {{ extended_due }}. If you do not agree to the extra time, please tell us; you can ask for your complaint to go to the next stage.
"""
        + _SIGN_OFF,
    ),
    (LetterKind.EXTENSION, Audience.YOUNG_PERSON): (
        "We need a bit more time ({{ reference }})",
        """Hello {{ complainant_name }}

We are sorry, but we need more time to look at your complaint. This is why: {{ extension_reason }}

We will write back to you by {{ extended_due }}. If you are not happy about waiting, tell us.
"""
        + _YOUNG_ADVOCACY
        + _YOUNG_SIGN_OFF,
    ),
    (LetterKind.STAGE_1_RESPONSE, Audience.STANDARD): (
        "Your complaint {{ reference }}: our response",
        """Dear {{ complainant_name }}

This is our response to your complaint at Stage 1 of the children's social care complaints procedure, sent on {{ stage_1_replied }}.

[Write the response here: what you looked at, what you found for each part of the complaint, and what will be done.]

If you are not satisfied with this response, you can ask for your complaint to be considered at Stage 2, an investigation by an independent investigator. You have 20 working days to ask: please contact us by {{ stage_2_request_by }}.
"""
        + _ADVOCACY
        + _SIGN_OFF,
    ),
    (LetterKind.STAGE_1_RESPONSE, Audience.YOUNG_PERSON): (
        "Our answer to your complaint ({{ reference }})",
        """Hello {{ complainant_name }}

We have looked at your complaint. This is what we found.

[Write the answer here in plain words: what we looked at, what we found and what we will do.]

If you are not happy with our answer, you can ask for someone independent to look into it. This is called Stage 2. Tell us by {{ stage_2_request_by }}.
"""
        + _YOUNG_ADVOCACY
        + _YOUNG_SIGN_OFF,
    ),
    (LetterKind.STAGE_2_ACCEPTANCE, Audience.STANDARD): (
        "Your complaint {{ reference }}: Stage 2 investigation",
        """Dear {{ complainant_name }}

We have agreed, on {{ stage_2_accepted }}, to investigate your complaint at Stage 2 of the children's social care complaints procedure. An investigating officer and an independent person, who does not work for the council, will look into it.

The investigating officer will contact you to agree a written statement of your complaint. We aim to send you the council's decision by {{ stage_2_due }}.
"""
        + _ADVOCACY
        + _SIGN_OFF,
    ),
    (LetterKind.STAGE_2_ACCEPTANCE, Audience.YOUNG_PERSON): (
        "We will look into your complaint again ({{ reference }})",
        """Hello {{ complainant_name }}

You asked for your complaint to be looked at again. We said yes on {{ stage_2_accepted }}. This is called Stage 2.

Two people will look into it. One of them does not work for the council. They will ask to talk to you first, to be sure they understand what you are unhappy about.

We will write to you with the answer by {{ stage_2_due }}.
"""
        + _YOUNG_ADVOCACY
        + _YOUNG_SIGN_OFF,
    ),
    (LetterKind.DECLINE, Audience.STANDARD): (
        "Your complaint {{ reference }}: your request for {{ declined_stage }}",
        """Dear {{ complainant_name }}

On {{ declined_on }} we decided that we cannot consider your complaint at {{ declined_stage }}. The reason is: {{ decline_reason }}
"""
        + _OMBUDSMAN
        + _SIGN_OFF,
    ),
    (LetterKind.DECLINE, Audience.YOUNG_PERSON): (
        "About your complaint ({{ reference }})",
        """Hello {{ complainant_name }}

You asked for your complaint to go to {{ declined_stage }}. On {{ declined_on }} we decided we cannot do this. This is why: {{ decline_reason }}
"""
        + _YOUNG_OMBUDSMAN
        + _YOUNG_ADVOCACY
        + _YOUNG_SIGN_OFF,
    ),
    (LetterKind.ADJUDICATION, Audience.STANDARD): (
        "Your complaint {{ reference }}: the council's decision",
        """Dear {{ complainant_name }}

This is the council's decision on your complaint at Stage 2, made on {{ stage_2_adjudicated }}, having read the investigating officer's report and the independent person's report.

[Write the adjudication here: the decision on each part of the complaint and what the council will do.]

If you are not satisfied, you can ask for a review panel (Stage 3). You have 20 working days to ask: please contact us by {{ stage_3_request_by }}.
"""
        + _SIGN_OFF,
    ),
    (LetterKind.ADJUDICATION, Audience.YOUNG_PERSON): (
        "The council's answer ({{ reference }})",
        """Hello {{ complainant_name }}

The people who looked into your complaint have finished. This is what the council has decided.

[Write the decision here in plain words.]

If you are still not happy, you can ask for a meeting with three people who do not work for the council. This is called a review panel. Tell us by {{ stage_3_request_by }}.
"""
        + _YOUNG_ADVOCACY
        + _YOUNG_SIGN_OFF,
    ),
    (LetterKind.PANEL_INVITATION, Audience.STANDARD): (
        "Your complaint {{ reference }}: review panel",
        """Dear {{ complainant_name }}

You asked on {{ stage_3_requested }} for a review panel to consider your complaint (Stage 3). The panel has three independent members and must meet by {{ panel_due }}.

You are invited to attend and to speak at the panel, and you may bring someone with you.

[Write the date, time and place of the panel here.]
"""
        + _ADVOCACY
        + _SIGN_OFF,
    ),
    (LetterKind.PANEL_INVITATION, Audience.YOUNG_PERSON): (
        "Come to the review panel ({{ reference }})",
        """Hello {{ complainant_name }}

You asked for a review panel. Three people who do not work for the council will meet to talk about your complaint. They will meet by {{ panel_due }}.

You can come and tell them what you think. You can bring someone with you.

[Write the date, time and place here.]
"""
        + _YOUNG_ADVOCACY
        + _YOUNG_SIGN_OFF,
    ),
    (LetterKind.STAGE_3_RESPONSE, Audience.STANDARD): (
        "Your complaint {{ reference }}: the council's response to the review panel",
        """Dear {{ complainant_name }}

This is the council's response, sent on {{ stage_3_responded }}, to the review panel's recommendations on your complaint.

[Write the response here: the council's decision on each recommendation and what it will do.]

This is the end of the council's complaints procedure.
"""
        + _OMBUDSMAN
        + _SIGN_OFF,
    ),
    (LetterKind.STAGE_3_RESPONSE, Audience.YOUNG_PERSON): (
        "What the council will do after the panel ({{ reference }})",
        """Hello {{ complainant_name }}

The review panel told the council what it thinks should happen. This is what the council has decided to do.

[Write the response here in plain words.]

This is the last step of the council's complaints process.
"""
        + _YOUNG_OMBUDSMAN
        + _YOUNG_ADVOCACY
        + _YOUNG_SIGN_OFF,
    ),
}
