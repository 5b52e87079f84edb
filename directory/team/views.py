"""Looking after an organisation: its dashboard, its team and invitations, its data.

Thin views: the rules are in `team/rules.py`, who may do what in `permissions.py`.
"""

import json

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.serializers.json import DjangoJSONEncoder
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from core.ratelimit import allow
from directory.exports import organisation_data
from directory.models import Invitation, MembershipRole, OrganisationMembership, OrganisationPage
from directory.permissions import (
    can_download_organisation_data,
    can_manage_team,
    can_open_dashboard,
    role_in,
)
from directory.team import rules as team
from directory.team.forms import InviteForm, RoleForm

INVITES_PER_HOUR = 30


def _organisation(organisation_id):
    organisation = OrganisationPage.objects.filter(pk=organisation_id).first()
    if organisation is None:
        raise Http404
    return organisation


def _require(allowed):
    if not allowed:
        raise PermissionDenied


def _user_memberships(user):
    return OrganisationMembership.objects.filter(user=user).select_related("organisation")


def _base_url(request):
    return request.build_absolute_uri("/")


@login_required
def choose_organisation(request):
    """Every organisation the person looks after: where the organisation switcher leads."""
    memberships = _user_memberships(request.user).order_by("organisation__title")
    return TemplateResponse(
        request, "directory/team/choose_organisation.html", {"memberships": memberships}
    )


@login_required
def manage_organisation(request, organisation_id):
    """An organisation's dashboard: the listing, your role, the team, what you can do."""
    organisation = _organisation(organisation_id)
    role = role_in(request.user, organisation)
    _require(can_open_dashboard(request.user, organisation))
    return TemplateResponse(
        request,
        "directory/team/dashboard.html",
        {
            "organisation": organisation,
            "role": role,
            "role_label": MembershipRole(role).label,
            "is_owner": role == MembershipRole.OWNER,
            "members": team.team_members(organisation),
            "other_organisations": _user_memberships(request.user)
            .exclude(organisation=organisation)
            .exists(),
        },
    )


def _team_context(request, organisation, form=None):
    return {
        "organisation": organisation,
        "members": team.team_members(organisation),
        "invitations": team.pending_invitations(organisation),
        "owner_count": team.owners(organisation).count(),
        "form": form or InviteForm(valid_days=settings.INVITATION_VALID_DAYS),
        "other_organisations": _user_memberships(request.user)
        .exclude(organisation=organisation)
        .exists(),
    }


@login_required
def team_page(request, organisation_id):
    """Owners see the team and pending invitations, and invite colleagues."""
    organisation = _organisation(organisation_id)
    _require(can_manage_team(request.user, organisation))
    form = InviteForm(request.POST or None, valid_days=settings.INVITATION_VALID_DAYS)
    status = 200
    if request.method == "POST":
        if not allow(request, "team-invite", INVITES_PER_HOUR, 3600):
            form.add_error(
                None, _("You have sent a lot of invitations. Wait an hour and try again.")
            )
            status = 429
        elif form.is_valid():
            try:
                invitation = team.invite_colleague(
                    organisation,
                    form.cleaned_data["email"],
                    form.cleaned_data["role"],
                    invited_by=request.user,
                    base_url=_base_url(request),
                )
            except team.TeamRuleError as error:
                form.add_error("email", error)
            else:
                messages.success(
                    request, _("Invitation sent to %(email)s") % {"email": invitation.email}
                )
                return redirect("directory_team", organisation_id=organisation.pk)
    return TemplateResponse(
        request,
        "directory/team/team.html",
        _team_context(request, organisation, form),
        status=status,
    )


def _invitation(organisation, invitation_id):
    return get_object_or_404(Invitation, pk=invitation_id, organisation=organisation)


@require_POST
@login_required
def resend_invitation(request, organisation_id, invitation_id):
    organisation = _organisation(organisation_id)
    _require(can_manage_team(request.user, organisation))
    invitation = _invitation(organisation, invitation_id)
    try:
        team.resend_invitation(invitation, request.user, _base_url(request))
    except team.TeamRuleError as error:
        messages.error(request, error.message)
    else:
        messages.success(
            request, _("Invitation sent again to %(email)s") % {"email": invitation.email}
        )
    return redirect("directory_team", organisation_id=organisation.pk)


@require_POST
@login_required
def revoke_invitation(request, organisation_id, invitation_id):
    organisation = _organisation(organisation_id)
    _require(can_manage_team(request.user, organisation))
    invitation = team.revoke_invitation(_invitation(organisation, invitation_id))
    messages.success(request, _("Invitation to %(email)s cancelled") % {"email": invitation.email})
    return redirect("directory_team", organisation_id=organisation.pk)


def _membership(organisation, membership_id):
    return get_object_or_404(
        OrganisationMembership.objects.select_related("user"),
        pk=membership_id,
        organisation=organisation,
    )


@login_required
def change_role(request, organisation_id, membership_id):
    organisation = _organisation(organisation_id)
    _require(can_manage_team(request.user, organisation))
    membership = _membership(organisation, membership_id)
    form = RoleForm(request.POST or None, initial={"role": membership.role})
    if request.method == "POST" and form.is_valid():
        try:
            team.change_role(membership, form.cleaned_data["role"])
        except team.TeamRuleError as error:
            form.add_error("role", error)
        else:
            messages.success(
                request,
                _("%(person)s is now an %(role)s")
                % {
                    "person": membership.user.get_full_name() or membership.user.email,
                    "role": MembershipRole(form.cleaned_data["role"]).label.lower(),
                },
            )
            if not can_manage_team(request.user, organisation):
                return redirect("directory_manage_organisation", organisation_id=organisation.pk)
            return redirect("directory_team", organisation_id=organisation.pk)
    return TemplateResponse(
        request,
        "directory/team/change_role.html",
        {"organisation": organisation, "membership": membership, "form": form},
    )


@login_required
def remove_member(request, organisation_id, membership_id):
    organisation = _organisation(organisation_id)
    _require(can_manage_team(request.user, organisation))
    membership = _membership(organisation, membership_id)
    error = None
    if request.method == "POST":
        try:
            team.remove_member(membership)
        except team.TeamRuleError as rule:
            error = rule.message
        else:
            person = membership.user.get_full_name() or membership.user.email
            messages.success(
                request, _("%(person)s has been removed from the team") % {"person": person}
            )
            if membership.user_id == request.user.pk:
                return redirect("account")
            return redirect("directory_team", organisation_id=organisation.pk)
    return TemplateResponse(
        request,
        "directory/team/remove_member.html",
        {"organisation": organisation, "membership": membership, "error": error},
        status=409 if error else 200,
    )


def _inviter_name(invitation):
    inviter = invitation.invited_by
    return (inviter.get_full_name() or inviter.email) if inviter else ""


def accept_invitation(request, token):
    """Where the emailed link leads: see who invited you to what, and join.

    Only the person the invitation was sent to may join (`team.invitee_problem`): someone
    else signed in is told whom it was for, with the address partly hidden, and what to do.
    """
    invitation = team.find_invitation(token)
    if invitation is None:
        return TemplateResponse(
            request, "directory/team/invitation_closed.html", {"reason": "unknown"}, status=404
        )
    state = team.invitation_state(invitation)
    if state == team.InvitationState.ACCEPTED and _accepted_by(invitation, request.user):
        messages.info(request, _("You are already in this team"))
        return redirect("directory_manage_organisation", organisation_id=invitation.organisation_id)
    if state != team.InvitationState.PENDING:
        return TemplateResponse(
            request,
            "directory/team/invitation_closed.html",
            {"reason": state, "invitation": invitation, "inviter": _inviter_name(invitation)},
            status=410,
        )
    return _invitation_for_the_invitee(request, invitation)


def _accepted_by(invitation, user):
    """Whether `user` accepted this invitation and is still in the team."""
    return (
        user.is_authenticated
        and invitation.accepted_by_id == user.pk
        and role_in(user, invitation.organisation) is not None
    )


def _invitation_for_the_invitee(request, invitation):
    """A pending invitation: the invitee may join; anyone else is told whom it was for."""
    user = request.user
    problem = team.invitee_problem(invitation, user)
    context = {
        "invitation": invitation,
        "organisation": invitation.organisation,
        "inviter": _inviter_name(invitation),
        "masked_email": team.mask_email(invitation.email),
        "problem": problem,
    }
    if problem == team.InviteeProblem.WRONG_PERSON:
        return TemplateResponse(
            request, "directory/team/invitation_not_for_you.html", context, status=403
        )
    error = None
    if request.method == "POST" and user.is_authenticated:
        try:
            team.accept_invitation(invitation, user)
        except team.TeamRuleError as rule:
            error = rule.message
        else:
            messages.success(
                request,
                _("You have joined the team of %(name)s") % {"name": invitation.organisation.title},
            )
            return redirect(
                "directory_manage_organisation", organisation_id=invitation.organisation_id
            )
    return TemplateResponse(
        request,
        "directory/team/accept_invitation.html",
        {**context, "current_role": role_in(user, invitation.organisation), "error": error},
        status=403 if error and problem else 200,
    )


@login_required
def download_organisation_data(request, organisation_id):
    organisation = _organisation(organisation_id)
    _require(can_download_organisation_data(request.user, organisation))
    data = {"downloaded": timezone.now().isoformat(), **organisation_data(organisation)}
    response = HttpResponse(
        json.dumps(data, cls=DjangoJSONEncoder, indent=2, ensure_ascii=False),
        content_type="application/json; charset=utf-8",
    )
    filename = f"{slugify(organisation.title) or 'organisation'}-data.json"
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response
