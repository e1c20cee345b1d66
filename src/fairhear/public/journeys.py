"""The three public journeys: which question pages they ask, in order."""

from dataclasses import dataclass

from fairhear.public import forms as f


@dataclass(frozen=True)
class Step:
    slug: str
    form: type[f.PublicForm]
    #: The part of the check-your-answers page its answers are shown in.
    section: str


@dataclass(frozen=True)
class Journey:
    name: str
    title: str
    steps: tuple[Step, ...]
    check_heading: str
    send_label: str

    def step(self, slug: str) -> Step | None:
        return next((s for s in self.steps if s.slug == slug), None)

    def after(self, slug: str) -> Step | None:
        slugs = [s.slug for s in self.steps]
        position = slugs.index(slug) + 1
        return self.steps[position] if position < len(self.steps) else None

    def before(self, slug: str) -> Step | None:
        slugs = [s.slug for s in self.steps]
        position = slugs.index(slug) - 1
        return self.steps[position] if position >= 0 else None

    def first_unanswered(self, answers: dict[str, object]) -> Step | None:
        return next((s for s in self.steps if s.slug not in answers), None)


COMPLAINT = Journey(
    name="complaint",
    title="Make a complaint",
    steps=(
        Step("name", f.NameForm, "About you"),
        Step("contact-details", f.ContactDetailsForm, "About you"),
        Step("preferred-contact", f.PreferredContactForm, "About you"),
        Step("relationship", f.RelationshipForm, "About you"),
        Step("child", f.ChildForm, "The child or young person"),
        Step("service", f.ServiceForm, "Your complaint"),
        Step("what-happened", f.WhatHappenedForm, "Your complaint"),
        Step("what-you-want", f.DesiredOutcomeForm, "Your complaint"),
        Step("advocate", f.AdvocacyForm, "Help with your complaint"),
        Step("documents", f.AttachmentForm, "Help with your complaint"),
        Step("equality", f.EqualityForm, "Equality monitoring"),
    ),
    check_heading="Check your answers before sending your complaint",
    send_label="Send complaint",
)

YOUNG_PERSON = Journey(
    name="young-person",
    title="Tell us what is wrong",
    steps=(
        Step("name", f.YoungNameForm, "About you"),
        Step("contact", f.YoungContactForm, "About you"),
        Step("what-happened", f.YoungWhatHappenedForm, "What is wrong"),
        Step("better", f.YoungBetterForm, "What is wrong"),
        Step("help", f.YoungHelpForm, "What is wrong"),
        Step("about-you", f.YoungAboutYouForm, "More about you"),
    ),
    check_heading="Check what you told us",
    send_label="Send",
)

COMPLIMENT = Journey(
    name="compliment",
    title="Send a compliment",
    steps=(
        Step("who", f.ComplimentWhoForm, "Your compliment"),
        Step("what", f.ComplimentWhatForm, "Your compliment"),
        Step("share", f.ComplimentShareForm, "Your compliment"),
        Step("about-you", f.ComplimentAboutYouForm, "About you"),
    ),
    check_heading="Check your compliment before sending it",
    send_label="Send compliment",
)

JOURNEYS = {j.name: j for j in (COMPLAINT, YOUNG_PERSON, COMPLIMENT)}
