"""Wagtail's own migrations give its default "Editors" and "Moderators" groups add, edit and
publish rights on the root page (so on every page of the site), the use of every image and
document, and a "Moderators approval" workflow over the whole tree. This project grants its
roles on purpose instead (directory/permissions.py, forums/roles.py), so those defaults are
taken back here, on new sites and on upgrade alike:

- neither group keeps a permission on the root page, nor any right over documents;
- "Moderators" (the directory's moderators) is given the directory's pages instead, and keeps
  images (the logos organisations upload);
- "Editors" loses admin access too, and is deleted when nobody is in it;
- forum managers' document rights on the root collection go (each forum's managers get their
  own region's collection from `setup_site`);
- the default workflow no longer covers the whole site.
"""

from django.db import migrations

WAGTAIL_DEFAULT_GROUPS = ["Editors", "Moderators"]
MODERATOR_PAGE_PERMISSIONS = ["add_page", "change_page", "publish_page", "lock_page", "unlock_page"]


def take_back_default_grants(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    ContentType = apps.get_model("contenttypes", "ContentType")
    Page = apps.get_model("wagtailcore", "Page")
    GroupPagePermission = apps.get_model("wagtailcore", "GroupPagePermission")
    GroupCollectionPermission = apps.get_model("wagtailcore", "GroupCollectionPermission")
    WorkflowPage = apps.get_model("wagtailcore", "WorkflowPage")

    defaults = Group.objects.filter(name__in=WAGTAIL_DEFAULT_GROUPS)
    GroupPagePermission.objects.filter(group__in=defaults, page__depth=1).delete()
    GroupCollectionPermission.objects.filter(
        group__in=defaults, permission__content_type__app_label="wagtaildocs"
    ).delete()
    GroupCollectionPermission.objects.filter(
        group__name__startswith="Forum managers:",
        collection__depth=1,
    ).delete()
    WorkflowPage.objects.filter(page__depth=1, workflow__name="Moderators approval").delete()

    editors = Group.objects.filter(name="Editors").first()
    if editors is not None:
        editors.permissions.clear()
        GroupPagePermission.objects.filter(group=editors).delete()
        GroupCollectionPermission.objects.filter(group=editors).delete()
        if not editors.user_set.exists():
            editors.delete()

    moderators = Group.objects.filter(name="Moderators").first()
    directory_type = ContentType.objects.filter(
        app_label="directory", model="directoryindexpage"
    ).first()
    if moderators is not None and directory_type is not None:
        permissions = Permission.objects.filter(
            content_type__app_label="wagtailcore", codename__in=MODERATOR_PAGE_PERMISSIONS
        )
        for directory in Page.objects.filter(content_type=directory_type):
            for permission in permissions:
                GroupPagePermission.objects.get_or_create(
                    group=moderators, page=directory, permission=permission
                )


class Migration(migrations.Migration):
    dependencies = [
        ("home", "0001_initial"),
        ("wagtailcore", "0098_apitoken"),
        ("wagtaildocs", "0014_alter_document_file_size"),
        ("wagtailimages", "0027_image_description"),
        ("wagtailadmin", "0001_create_admin_access_permissions"),
        ("directory", "0004_moderation_claims_invitations"),
        ("forums", "0005_feedback_surveys"),
    ]

    operations = [
        migrations.RunPython(take_back_default_grants, migrations.RunPython.noop),
    ]
