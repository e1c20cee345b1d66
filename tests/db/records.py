"""The records the permission matrix's pages are about: a case in each service area, an
Ombudsman case linked to one and another linked to none, a cost, learning actions,
compliments, a document, the council's lists, an import, an export and an online complaint's
status link.
"""

import io
from datetime import date
from decimal import Decimal
from functools import cached_property

import pytest
from django.contrib.auth.models import User
from django.core.files.uploadedfile import SimpleUploadedFile

from fairhear.casework import services
from fairhear.casework.codes import ActionKind, Channel, CostKind
from fairhear.casework.models import (
    Attachment,
    Category,
    Compliment,
    Contact,
    Cost,
    LearningAction,
    OmbudsmanCase,
    Practitioner,
)
from fairhear.dataprotection import services as dataprotection
from fairhear.dataprotection.models import LegalHold, RightsRequest, SubjectAccessRequest
from fairhear.interchange import exports
from fairhear.interchange import services as interchange
from fairhear.interchange.models import ExportRequest, ImportRun
from fairhear.letters.models import Letter
from fairhear.organisation.models import ServiceArea, Team
from fairhear.public.models import PublicSubmission
from fairhear.public.services import token_hash
from tests.builders import RECEIVED, triage_statutory
from tests.db.interchange.helpers import CONTACTS, STAGES, case_file_zip

STATUS_TOKEN = "a-private-status-token"


class Records:
    """Each record is made the first time a page's address or form asks for it, through the
    services as staff would make it, so a test builds only what its page is about."""

    def __init__(self, request: pytest.FixtureRequest) -> None:
        self._request = request

    def persona(self, name: str) -> User:
        user: User = self._request.getfixturevalue(name)
        return user

    @cached_property
    def area_a(self) -> ServiceArea:
        area: ServiceArea = self._request.getfixturevalue("area_a")
        return area

    @cached_property
    def area_b(self) -> ServiceArea:
        area: ServiceArea = self._request.getfixturevalue("area_b")
        return area

    @cached_property
    def area_without_teams(self) -> ServiceArea:
        return ServiceArea.objects.create(name="Early Help", started=date(2015, 4, 1))

    @property
    def team_a(self) -> Team:
        return self.area_a.teams.get()

    @property
    def team_b(self) -> Team:
        return self.area_b.teams.get()

    @property
    def officer(self) -> User:
        return self.persona("officer")

    def _stage_one(self, team: Team) -> Contact:
        contact = services.log_contact(
            received=RECEIVED, channel=Channel.TELEPHONE, team=team, by=self.officer
        )
        return triage_statutory(contact, self.officer)

    @cached_property
    def new_contact_a(self) -> Contact:
        """A phone call about a team of service area A, awaiting triage."""
        return services.log_contact(
            received=RECEIVED, channel=Channel.TELEPHONE, team=self.team_a, by=self.officer
        )

    @cached_property
    def case_a(self) -> Contact:
        """A Stage 1 complaint about a team of service area A."""
        return self._stage_one(self.team_a)

    @cached_property
    def case_b(self) -> Contact:
        """A Stage 1 complaint about a team of service area B, assigned to the investigator."""
        contact = self._stage_one(self.team_b)
        services.assign_case(
            contact,
            user=self.persona("investigator"),
            on=RECEIVED,
            reason="Help with the reply.",
            by=self.officer,
        )
        return contact

    def version_of(self, contact: Contact) -> int:
        """The version a form would carry now (each step taken on a case moves it on)."""
        return Contact.objects.get(pk=contact.pk).version

    @cached_property
    def ombudsman_a(self) -> OmbudsmanCase:
        """An Ombudsman enquiry about case A."""
        return services.record_ombudsman_case(
            lgsco_reference="24 000 777",
            received=date(2024, 6, 3),
            contact=self.case_a,
            version=self.version_of(self.case_a),
            by=self.officer,
        )

    @cached_property
    def letter_a(self) -> Letter:
        """A letter kept on case A (written as a row: case A has no complainant to send to)."""
        return Letter.objects.create(
            contact=self.case_a,
            kind="acknowledgement",
            audience="standard",
            subject="Your complaint",
            body="Dear complainant\n",
            channel="post",
            sent_to="1 High Street",
            sent_by=self.officer,
        )

    @cached_property
    def ombudsman_unlinked(self) -> OmbudsmanCase:
        """An Ombudsman enquiry not linked to any case."""
        return services.record_ombudsman_case(
            lgsco_reference="23 000 123", received=date(2024, 6, 3), by=self.officer
        )

    @cached_property
    def ombudsman_decided(self) -> OmbudsmanCase:
        """An Ombudsman enquiry about case A that the Ombudsman has decided."""
        case = self.ombudsman_a
        services.record_ombudsman_decision(
            case,
            on=date(2024, 9, 2),
            decision="upheld_maladministration_injustice",
            by=self.officer,
        )
        return OmbudsmanCase.objects.get(pk=case.pk)

    @cached_property
    def cost(self) -> Cost:
        """The investigating officer's fee on case A."""
        return services.add_cost(
            on=date(2024, 6, 1),
            kind=CostKind.INVESTIGATING_OFFICER,
            amount=Decimal("1200.50"),
            contact=self.case_a,
            by=self.officer,
        )

    @cached_property
    def action_a(self) -> LearningAction:
        """A learning action from case A, owned by service area A."""
        return services.add_learning_action(
            kind=ActionKind.PRACTICE_CHANGE,
            description="Check records weekly.",
            contact=self.case_a,
            owner_service_area=self.area_a,
            by=self.officer,
        )

    @cached_property
    def action_b(self) -> LearningAction:
        """A learning action about no case, owned by a team of service area B."""
        return services.add_learning_action(
            kind=ActionKind.TRAINING_OR_GUIDANCE,
            description="Train the hub on thresholds.",
            owner_team=self.team_b,
            due=date(2024, 9, 30),
            by=self.officer,
        )

    @cached_property
    def legal_hold(self) -> LegalHold:
        """A legal hold on case A, placed by the complaints manager."""
        return dataprotection.place_hold(
            contact=self.case_a,
            reason="A claim is expected.",
            on=date.today(),
            by=self.persona("manager"),
        )

    @cached_property
    def subject_access_request(self) -> SubjectAccessRequest:
        """A subject access request logged by the complaints manager today."""
        return dataprotection.log_subject_access_request(
            requester="Jo Bloggs",
            received=date.today(),
            today=date.today(),
            by=self.persona("manager"),
        )

    def _rights_request(self, kind: RightsRequest.Kind) -> RightsRequest:
        return dataprotection.log_rights_request(
            kind=kind,
            requester="Jo Bloggs",
            received=date.today(),
            asked_for="Please correct or erase my details.",
            today=date.today(),
            by=self.persona("manager"),
        )

    @cached_property
    def correction_request(self) -> RightsRequest:
        """A request to correct personal data, logged by the complaints manager today."""
        return self._rights_request(RightsRequest.Kind.CORRECTION)

    @cached_property
    def erasure_request(self) -> RightsRequest:
        """A request to erase personal data, logged by the complaints manager today."""
        return self._rights_request(RightsRequest.Kind.ERASURE)

    def _compliment(self, team: Team, text: str) -> Compliment:
        return services.record_compliment(
            received=date.today(), team=team, text=text, by=self.officer
        )

    @cached_property
    def compliment_a(self) -> Compliment:
        return self._compliment(self.team_a, "Sam in fostering was kind.")

    @cached_property
    def compliment_b(self) -> Compliment:
        return self._compliment(self.team_b, "The hub called back quickly.")

    @cached_property
    def document(self) -> Attachment:
        """A letter kept on case A."""
        return services.add_attachment(
            self.case_a,
            upload=SimpleUploadedFile("letter.pdf", b"%PDF-1.7\n"),
            content_type="application/pdf",
            description="",
            by=self.officer,
        )

    @cached_property
    def category(self) -> Category:
        return Category.objects.create(name="Communication")

    @cached_property
    def practitioner(self) -> Practitioner:
        return Practitioner.objects.create(name="Pat Panel")

    @cached_property
    def import_run(self) -> ImportRun:
        """A case file the complaints manager uploaded, checked and waiting to be confirmed."""
        upload = case_file_zip(contacts=CONTACTS, stages=STAGES)
        run, _ = interchange.check_upload(
            io.BytesIO(upload.read()), file_name="case-file.zip", by=self.persona("manager")
        )
        return run

    @cached_property
    def case_file_export(self) -> ExportRequest:
        """The case file the complaints manager exported from the staff pages, ready to download."""
        export, _ = exports.ask_for_export(by=self.persona("manager"), form=ExportRequest.Form.ZIP)
        exports.write(export.pk)
        export.refresh_from_db()
        return export

    @cached_property
    def status_token(self) -> str:
        """The private status link's token of case A, as if it had come in online."""
        PublicSubmission.objects.create(
            contact=self.case_a,
            journey=PublicSubmission.Journey.COMPLAINT,
            status_token_hash=token_hash(STATUS_TOKEN),
        )
        return STATUS_TOKEN
