"""The three public journeys: which question pages they ask, in order."""

from dataclasses import dataclass

from fairhear.public import forms as f


@dataclass(frozen=True)
class Step:
    slug: str
    form: type[f.PublicForm]


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
        Step("name", f.NameForm),
        Step("contact-details", f.ContactDetailsForm),
        Step("preferred-contact", f.PreferredContactForm),
        Step("relationship", f.RelationshipForm),
        Step("child", f.ChildForm),
        Step("service", f.ServiceForm),
        Step("what-happened", f.WhatHappenedForm),
        Step("what-you-want", f.DesiredOutcomeForm),
        Step("advocate", f.AdvocacyForm),
        Step("documents", f.AttachmentForm),
        Step("equality", f.EqualityForm),
    ),
    check_heading="Check your answers before sending your complaint",
    send_label="Send complaint",
)

YOUNG_PERSON = Journey(
    name="young-person",
    title="Tell us what is wrong",
    steps=(
        Step("name", f.YoungNameForm),
        Step("contact", f.YoungContactForm),
        Step("what-happened", f.YoungWhatHappenedForm),
        Step("better", f.YoungBetterForm),
        Step("help", f.YoungHelpForm),
    ),
    check_heading="Check what you told us",
    send_label="Send",
)

COMPLIMENT = Journey(
    name="compliment",
    title="Send a compliment",
    steps=(
        Step("who", f.ComplimentWhoForm),
        Step("what", f.ComplimentWhatForm),
        Step("share", f.ComplimentShareForm),
        Step("about-you", f.ComplimentAboutYouForm),
    ),
    check_heading="Check your compliment before sending it",
    send_label="Send compliment",
)

JOURNEYS = {j.name: j for j in (COMPLAINT, YOUNG_PERSON, COMPLIMENT)}
