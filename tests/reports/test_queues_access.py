"""The access rules behind the report queues: the service filter's choices and who is notified of a report."""

import pytest

from portal.members import access
from portal.members.models import MembershipStatus, OrganizationKind
from reports.models import Category
from tests.factories import make_member
from tests.registry.factories import make_operator, make_service

from .factories import make_report

pytestmark = pytest.mark.django_db


def test_queue_services_of_an_operator_are_its_own(service_a, service_b, moderator_a):
    assert set(access.report_queue_services(moderator_a)) == {service_a}


def test_queue_services_of_the_secretariat_are_all(service_a, service_b, secretary):
    assert set(access.report_queue_services(secretary)) == {service_a, service_b}


def test_queue_services_of_the_police_are_those_forwarded(service_a, service_b, police):
    make_report(service_a)
    make_report(service_b, category=Category.SEXUAL_IMAGES)

    assert set(access.report_queue_services(police)) == {service_b}


def test_queue_services_empty_without_queue(service_a):
    volunteer = make_member(OrganizationKind.VOLUNTEER_GROUP)

    assert not access.report_queue_services(volunteer).exists()


def test_queue_decision_asks_police_for_a_second_factor():
    officer = make_member(OrganizationKind.POLICE)

    assert access.report_queue_decision(officer) is access.Decision.SET_UP_SECOND_FACTOR
    assert access.police_queue_decision(officer) is access.Decision.SET_UP_SECOND_FACTOR


def test_queue_decision_denies_the_secretariat_the_police_queue(secretary):
    assert access.report_queue_decision(secretary) is access.Decision.ALLOW
    assert access.police_queue_decision(secretary) is access.Decision.DENY


def test_handlers_are_the_operators_members(service_a, moderator_a, moderator_b, secretary):
    report, _pin = make_report(service_a)

    assert set(access.report_handlers(report)) == {moderator_a}


def test_handlers_fall_back_to_secretariat(secretary):
    operator = make_operator()
    make_member(OrganizationKind.OPERATOR, organization=operator, status=MembershipStatus.PENDING)
    report, _pin = make_report(make_service(operator))

    assert set(access.report_handlers(report)) == {secretary}


def test_handlers_of_an_unlisted_site_are_the_secretariat(moderator_a, secretary):
    report, _pin = make_report(site_address="https://unlisted.example.org/")

    assert set(access.report_handlers(report)) == {secretary}
