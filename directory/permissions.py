"""Who may do what with a listing. Views, templates and the admin ask these functions.

Owners and editors look after their own organisation from the public site; their changes go
to moderators, who review them (and claims and problem reports) in the Wagtail admin.
Nobody edits an organisation they do not belong to.
"""

from django.contrib.auth.models import Group, Permission

from directory.models import MembershipRole, OrganisationMembership, OrganisationPage

MODERATORS_GROUP = "Moderators"
COMMISSIONERS_GROUP = "Commissioners"


def role_in(user, organisation):
    """'owner', 'editor' or None."""
    if not user.is_authenticated:
        return None
    return (
        OrganisationMembership.objects.filter(user=user, organisation=organisation)
        .values_list("role", flat=True)
        .first()
    )


def organisations_acting_for(user):
    """The live organisations `user` may act for (register for events, respond to
    consultations, join forums on behalf of): those they own or edit."""
    if not user.is_authenticated:
        return OrganisationPage.objects.none()
    return (
        OrganisationPage.objects.live()
        .filter(
            memberships__user=user,
            memberships__role__in=[MembershipRole.OWNER, MembershipRole.EDITOR],
        )
        .order_by("title")
        .distinct()
    )


def is_member(user, organisation):
    return role_in(user, organisation) is not None


def is_owner(user, organisation):
    return role_in(user, organisation) == MembershipRole.OWNER


def is_moderator(user):
    if not user.is_authenticated or not user.is_active:
        return False
    return user.is_superuser or user.groups.filter(name=MODERATORS_GROUP).exists()


def is_commissioner(user):
    if not user.is_authenticated or not user.is_active:
        return False
    return user.is_superuser or user.groups.filter(name=COMMISSIONERS_GROUP).exists()


def can_keep_listed(user):
    """Keep a stale listing in default results, with a reason: moderators and admins."""
    return is_moderator(user)


def can_confirm_commissioning(user):
    """Confirm (or correct) what an organisation declared about its commissioning
    relationships: commissioners, moderators and admins."""
    return is_commissioner(user) or is_moderator(user)


def can_view_draft(user, organisation):
    """The pending (unapproved) version of a listing: its team and moderators."""
    return is_member(user, organisation) or is_moderator(user)


def can_edit_listing(user, organisation):
    """Edit from the public site: owners and editors of that organisation only."""
    return is_member(user, organisation)


def can_manage_team(user, organisation):
    """Invite, change roles and remove members: owners only."""
    return is_owner(user, organisation)


def can_publish(user):
    """Make submitted changes public (approve them): moderators and admins."""
    return is_moderator(user)


def can_download_organisation_data(user, organisation):
    return is_member(user, organisation) or is_moderator(user)


MODERATOR_PAGE_PERMISSIONS = ["add", "change", "publish", "lock", "unlock"]
MODERATOR_IMAGE_PERMISSIONS = ["add_image", "change_image", "choose_image"]


def ensure_moderators_group():
    """The moderators' group: admin access, the moderation queue, the directory's pages (and
    no other part of the site) and the images organisations upload for their listings.
    Wagtail's own migrations gave a group of the same name rights over the whole site and its
    documents; those are taken back here as well as on upgrade. Safe to run repeatedly."""
    from wagtail.models import Collection, GroupCollectionPermission, GroupPagePermission

    from directory.models import DirectoryIndexPage

    group, _ = Group.objects.get_or_create(name=MODERATORS_GROUP)
    codenames = ["access_admin", "change_listingproblemreport", "view_listingproblemreport"]
    group.permissions.add(*Permission.objects.filter(codename__in=codenames))
    directories = list(DirectoryIndexPage.objects.all())
    for directory in directories:
        for permission in Permission.objects.filter(
            content_type__app_label="wagtailcore",
            codename__in=[f"{name}_page" for name in MODERATOR_PAGE_PERMISSIONS],
        ):
            GroupPagePermission.objects.get_or_create(
                group=group, page=directory, permission=permission
            )
    GroupPagePermission.objects.filter(group=group).exclude(page__in=directories).delete()
    root_collection = Collection.get_first_root_node()
    image_permissions = Permission.objects.filter(
        content_type__app_label="wagtailimages", codename__in=MODERATOR_IMAGE_PERMISSIONS
    )
    if root_collection is not None:
        for permission in image_permissions:
            GroupCollectionPermission.objects.get_or_create(
                group=group, collection=root_collection, permission=permission
            )
    GroupCollectionPermission.objects.filter(group=group).exclude(
        collection=root_collection, permission__in=image_permissions
    ).delete()
    # The directory's other staff role is kept in step wherever this one is.
    ensure_commissioners_group()
    return group


def ensure_commissioners_group():
    """The commissioners' group: admin access, to confirm organisations' commissioning
    relationships (`can_confirm_commissioning`). Their rights over the commissioning
    pipeline's pages and documents are granted by `pipeline.roles`. Safe to run repeatedly."""
    group, _ = Group.objects.get_or_create(name=COMMISSIONERS_GROUP)
    group.permissions.set(
        Permission.objects.filter(content_type__app_label="wagtailadmin", codename="access_admin")
    )
    return group


def can_open_dashboard(user, organisation):
    """The organisation's page on the public site for looking after it: its team only."""
    return is_member(user, organisation)
