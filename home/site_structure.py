"""The pages every installation needs: home, directory, forums, the commissioning pipeline
and the footer pages.

`ensure_site_structure()` creates whatever is missing and leaves everything else alone, so
deployments run it on every release (`manage.py setup_site`) and the demo data builds on it.
"""

from dataclasses import dataclass, field
from urllib.parse import urlsplit

from django.conf import settings as django_settings
from django.contrib.contenttypes.models import ContentType
from django.db import transaction

from wagtail.models import Locale, Page, Site

from core.models import Region, SiteSettings
from directory.models import DirectoryIndexPage
from directory.permissions import ensure_moderators_group
from forums.models import ForumIndexPage, RegionalForumPage
from forums.roles import ensure_forum_managers_group, ensure_national_forum_managers_group
from pipeline.models import PipelineIndexPage
from pipeline.roles import ensure_pipeline_roles

from .models import ContentPage, HomePage
from .respondents_collections import ensure_respondents_collections
from .welsh import WelshPages, ensure_welsh_pages

SITE_NAME = "Common Ground"

HOME_INTRODUCTION = (
    "Common Ground helps probation practitioners find specialist support from voluntary "
    "organisations, helps small charities keep their listings up to date, and gives every "
    "probation region an open forum for engagement events and consultations."
)

DIRECTORY_INTRODUCTION = (
    "Find voluntary organisations and the services they run for people in contact with the "
    "justice system in England and Wales, and for their families. Search by region, type of "
    "support, who a service is for and stage of the justice system."
)

FORUMS_INTRODUCTION = (
    "Each probation region has a forum run by its Regional Probation Director's team. Forums "
    "publish engagement events and consultations, and report back on what changed as a result. "
    "Any voluntary organisation working in the region can take part, whether or not it holds a "
    "probation contract."
)

FORUM_INTRODUCTION = (
    "<p>The {region} forum is where the Regional Probation Director's team for {region} shares "
    "engagement events and consultations, and says what came out of them. Any voluntary "
    "organisation working in {region} is welcome, whether or not it holds a probation "
    "contract.</p>"
)

PIPELINE_INTRODUCTION = (
    "Grant and contract opportunities for voluntary organisations on the horizon: what is "
    "coming, what it is worth, who can bid and when, and every change to them with its date "
    "and reason."
)

PRIVACY_BODY = """\
<h2>Who we are</h2>
<p>Common Ground is run by [name of the operating organisation], registered charity number \
[number], who is the data controller for the personal information described here. If you have \
a question about this notice or how we use your information, email [privacy contact email \
address].</p>
<h2>What information we collect</h2>
<p>You can search the directory and read the forums without giving us any personal \
information. We collect information only when you choose to give it to us:</p>
<ul>
<li>when you create an account: your name, email address and the organisation you work for;</li>
<li>when you list or update an organisation: the contact details you publish for it, which \
anyone can see;</li>
<li>when you register for an event: your name, organisation and any access needs you tell us \
about;</li>
<li>when you respond to a consultation or send us feedback: what you write.</li>
</ul>
<p>Our servers also keep short-lived technical logs (such as the pages requested and the \
address they were requested from) so that we can keep the site secure and working.</p>
<h2>Why we use it</h2>
<p>We use your information to run your account, to publish the listings you manage, to \
organise the events you register for and to take your views into account. We do this because \
it is in our legitimate interests, and yours, to run a directory and forums for the criminal \
justice voluntary sector. Where you tell us about access needs, we use that information only \
to make the event work for you.</p>
<h2>Who we share it with</h2>
<p>Event registrations and consultation responses are shared with the Regional Probation \
Director's team that runs the forum. We use a small number of suppliers to host the site and \
send email; they handle your information only on our instructions. We never sell your \
information or use it for marketing.</p>
<h2>How long we keep it</h2>
<p>We keep your account for as long as you use it, and delete it two years after you last \
sign in. We keep event registrations for 12 months after the event, and technical logs for \
no longer than 30 days.</p>
<h2>Your rights</h2>
<p>You can ask to see the information we hold about you, to correct it, to delete it or to \
stop us using it. Contact us using the details above and we will reply within one month.</p>
<p>If you are unhappy with how we have handled your information, you can complain to the \
<a href="https://ico.org.uk/make-a-complaint/">Information Commissioner's Office</a>.</p>
"""

COOKIES_BODY = """\
<h2>What cookies are</h2>
<p>Cookies are small files saved on your phone, tablet or computer when you visit a website. \
They let the website remember things, such as whether you are signed in.</p>
<h2>The cookies we use</h2>
<p>We use only the cookies this site needs in order to work. We do not use analytics, \
advertising or any other tracking cookies, and we do not share cookie information with \
anyone.</p>
<ul>
<li><b>sessionid</b> keeps you signed in as you move from page to page. It is set when you \
sign in and expires when you close your browser, or after two weeks if you choose to stay \
signed in, or when you sign out. If you help run the site (as staff, a moderator, a forum \
manager or a commissioner), you are signed out after two hours without activity.</li>
<li><b>csrftoken</b> protects the forms on this site from being misused by other websites. It \
expires after one year.</li>
</ul>
<h2>Why we do not ask for your consent</h2>
<p>The law allows websites to set cookies that are strictly necessary for a service you have \
asked for without asking for consent. Because these are the only cookies we use, we do not \
show a cookie banner.</p>
<p>If we ever want to use other cookies, for example to understand how people use the site, we \
will update this page and ask for your permission first.</p>
<h2>Managing cookies</h2>
<p>You can block or delete cookies in your browser settings. If you block these cookies you \
can still search the directory, but you will not be able to sign in or send forms.</p>
"""

ACCESSIBILITY_BODY = """\
<h2>Using this website</h2>
<p>Common Ground is run by [name of the operating organisation]. We want as many people as \
possible to be able to use it. For example, you should be able to:</p>
<ul>
<li>change colours, contrast levels and fonts using browser or device settings;</li>
<li>zoom in up to 400% without the text spilling off the screen;</li>
<li>navigate most of the website using just a keyboard or speech recognition software;</li>
<li>listen to most of the website using a screen reader.</li>
</ul>
<p>We have also made the text as simple as we can to understand.</p>
<h2>How accessible this website is</h2>
<p>We aim to meet the Web Content Accessibility Guidelines (WCAG) version 2.2 to level AA. We \
test the site with automated tools and by hand as we build it, but it has not yet been audited \
independently. Some documents that organisations upload, such as PDF minutes of events, may \
not be fully accessible.</p>
<h2>Feedback and contact information</h2>
<p>If you find a problem that we have not listed here, or you need information in a different \
format such as large print or an accessible document, email [accessibility contact email \
address]. We will reply within 10 working days.</p>
<h2>Enforcement procedure</h2>
<p>If you are not happy with how we respond to your complaint, contact the \
<a href="https://www.equalityadvisoryservice.com/">Equality Advisory and Support Service \
(EASS)</a>.</p>
<h2>Preparation of this statement</h2>
<p>This statement was prepared on [date]. It will be reviewed at least once a year and \
whenever the website changes significantly.</p>
"""

FOOTER_PAGES = [
    # (settings field, slug, title, summary, body)
    (
        "privacy_page",
        "privacy",
        "Privacy notice",
        "What personal information we collect, why, and what your rights are.",
        PRIVACY_BODY,
    ),
    (
        "cookies_page",
        "cookies",
        "Cookies",
        "We use only the cookies this site needs to work, and no analytics.",
        COOKIES_BODY,
    ),
    (
        "accessibility_page",
        "accessibility-statement",
        "Accessibility statement",
        "How accessible this website is, and how to report a problem.",
        ACCESSIBILITY_BODY,
    ),
]


@dataclass
class SiteStructure:
    site: Site
    home: HomePage
    directory: DirectoryIndexPage
    forum_index: ForumIndexPage
    forums: list[RegionalForumPage]
    pipeline: PipelineIndexPage
    footer_pages: dict[str, Page]
    changes: list[str] = field(default_factory=list)
    welsh: WelshPages | None = None


def publish_new_page(parent, page):
    """Add an unsaved page under its parent and publish it."""
    parent.add_child(instance=page)
    page.save_revision().publish()
    return page


@transaction.atomic
def ensure_site_structure():
    """Create the home page and the sections under it that are missing. Safe to run again."""
    changes = []
    home, site = _ensure_home_page(changes)
    directory = _ensure_child(
        home,
        DirectoryIndexPage,
        changes,
        title="Find support services",
        slug="directory",
        introduction=DIRECTORY_INTRODUCTION,
        show_in_menus=True,
    )
    forum_index = _ensure_child(
        home,
        ForumIndexPage,
        changes,
        title="Regional forums",
        slug="forums",
        introduction=FORUMS_INTRODUCTION,
        show_in_menus=True,
    )
    # An index made before the national group existed gets it here (idempotent).
    ensure_national_forum_managers_group(forum_index)
    forums = _ensure_regional_forums(forum_index, changes)
    ensure_respondents_collections(forums)
    ensure_moderators_group()
    pipeline = _ensure_child(
        home,
        PipelineIndexPage,
        changes,
        title="Commissioning pipeline",
        slug="pipeline",
        introduction=PIPELINE_INTRODUCTION,
        show_in_menus=True,
    )
    settings = SiteSettings.for_site(site)
    footer_pages = {}
    for setting_name, slug, title, summary, body in FOOTER_PAGES:
        # A page the footer already links to is kept, even if an editor renamed or moved it.
        chosen = getattr(settings, setting_name)
        footer_pages[setting_name] = chosen or _ensure_child(
            home, ContentPage, changes, title=title, slug=slug, summary=summary, body=body
        )
    _link_footer_pages(settings, footer_pages, changes)
    structure = SiteStructure(
        site, home, directory, forum_index, forums, pipeline, footer_pages, changes
    )
    structure.welsh = ensure_welsh_pages(structure, changes)
    # Last: the forum managers groups' grants outside their forums are taken back above.
    ensure_pipeline_roles(pipeline)
    return structure


def _ensure_home_page(changes):
    root = Page.get_first_root_node()
    home = (
        HomePage.objects.filter(locale=Locale.get_default()).order_by("path").first()
        or HomePage.objects.order_by("path").first()
    )
    site = Site.objects.filter(is_default_site=True).first()
    welcome_pages = _welcome_pages(root)

    if home is None:
        # The welcome page holds the slug "home" and is the default site's root; the site
        # points at the tree root until the new home page exists, so deleting the welcome
        # page does not take the site with it.
        if site is not None and site.root_page_id in {page.pk for page in welcome_pages}:
            site.root_page = root
            site.save()
        for page in welcome_pages:
            page.delete()
            changes.append(f"Deleted the placeholder page “{page.title}”")
        welcome_pages = []
        slug = "home" if Page._slug_is_available("home", root) else "common-ground"
        home = publish_new_page(
            root, HomePage(title=SITE_NAME, slug=slug, introduction=HOME_INTRODUCTION)
        )
        changes.append(f"Created the home page “{home.title}”")

    hostname, port = configured_host_and_port()
    if site is None:
        site = Site.objects.create(
            hostname=hostname,
            port=port,
            site_name=SITE_NAME,
            root_page=home,
            is_default_site=True,
        )
        changes.append(f"Created the default site, starting at “{home.title}”")
    elif site.root_page_id != home.pk or not site.site_name:
        site.root_page = home
        site.site_name = site.site_name or SITE_NAME
        site.save()
        changes.append(f"Pointed the default site at “{home.title}”")
    if (site.hostname, site.port) != (hostname, port):
        site.hostname, site.port = hostname, port
        site.save()
        changes.append(f"Set the default site's address to {site.root_url}")

    for page in welcome_pages:
        if not Site.objects.filter(root_page=page).exists():
            page.delete()
            changes.append(f"Deleted the placeholder page “{page.title}”")
    return home, site


def configured_host_and_port():
    """The host name and port of the configured root URL (WAGTAILADMIN_BASE_URL), for the
    default Site: page.get_full_url() then gives the same addresses as emails and feeds."""
    url = urlsplit(django_settings.WAGTAILADMIN_BASE_URL)
    return url.hostname or "localhost", url.port or (443 if url.scheme == "https" else 80)


def _welcome_pages(root):
    """Wagtail's "Welcome to your new Wagtail site!" page: a bare, childless Page under root."""
    bare_page = ContentType.objects.get_for_model(Page)
    return list(root.get_children().filter(content_type=bare_page, numchild=0))


def _ensure_child(parent, page_class, changes, *, slug, **fields):
    existing = page_class.objects.child_of(parent).filter(slug=slug).first()
    if existing is None and getattr(page_class, "max_count_per_parent", None) == 1:
        existing = page_class.objects.child_of(parent).first()
    if existing is not None:
        return existing
    page = publish_new_page(parent, page_class(slug=slug, **fields))
    changes.append(f"Created {page_class._meta.verbose_name} “{page.title}”")
    return page


def _ensure_regional_forums(forum_index, changes):
    forums = []
    existing = {
        forum.region_id: forum
        for forum in RegionalForumPage.objects.child_of(forum_index).order_by("path")
    }
    for region in Region.objects.in_default_locale().order_by("sort_order", "name"):
        forum = existing.get(region.pk)
        if forum is None:
            slug = region.slug
            if not Page._slug_is_available(slug, forum_index):
                slug = f"{region.slug}-forum"
            forum = publish_new_page(
                forum_index,
                RegionalForumPage(
                    title=f"{region.name} forum",
                    slug=slug,
                    region=region,
                    introduction=FORUM_INTRODUCTION.format(region=region.name),
                ),
            )
            changes.append(f"Created regional forum “{forum.title}”")
        # Forums made before the groups existed get theirs here (idempotent).
        ensure_forum_managers_group(forum)
        forums.append(forum)
    return forums


def _link_footer_pages(settings, footer_pages, changes):
    """Point the footer links at the pages, unless an editor has already chosen others."""
    changed = []
    for setting_name, page in footer_pages.items():
        if getattr(settings, f"{setting_name}_id") is None:
            setattr(settings, setting_name, page)
            changed.append(str(SiteSettings._meta.get_field(setting_name).verbose_name))
    if changed:
        settings.save()
        changes.append("Linked the footer to the " + ", ".join(changed))
