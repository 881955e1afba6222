"""Every compiled pattern and word list the cleaner and the metadata readers use, in one place.

These describe the *shapes* of page furniture found across news sites (share bars, reading-time
lines, photo credits, "Related" headings), not the strings of any one site.
"""

from __future__ import annotations

import re

WORD = re.compile(r"[^\W_]+(?:['’.\-][^\W_]+)*", re.UNICODE)
SENTENCE_END = re.compile(r"[.!?…。！？][\"'”’»)\]」』]*$|[.!?…。！？][\"'”’»)\]」』]*\s*\(\w+\)$")
# Scripts written without spaces between words (Chinese, Japanese kana and kanji).
CJK = re.compile(r"[\u3040-\u30ff\u3400-\u9fff\uf900-\ufaff]")
# A caption or alt text glued to its credit: "... on 25 April, 2019. Copyright AP Photo"
CREDIT = re.compile(
    r"(?:^|\s)(?:©|\(c\)\s)"
    r"|\bcopyright\b"
    r"|^(?:images?|photos?|pictures?|videos?|illustrations?|graphics?|credits?|screenshots?)\s*(?:source|credit)?\s*[:©|/]"
    r"|\b(?:photo|image|picture)s?\s*(?:courtesy|credit|by)\b"
    r"|\b(?:getty images|shutterstock|ap photo|afp photo|reuters photo|east news|epa-efe|alamy|istock)\b",
    re.IGNORECASE,
)
# A photo's credit closing its caption: "(Image: Getty)", "[File: Reuters]", "(AP Photo/Name)",
# "REUTERS/Name", "Name / AP file", "Credit: Getty - Contributor".
TRAILING_CREDIT = re.compile(
    r"(?:[(\[](?:photo|image|picture|pic|file|credit|photograph)s?(?:\s*credit)?\s*:[^)\]]{1,80}[)\]]"
    r"|[(\[]?\b(?:ap|afp|reuters|getty images|epa)(?:\s*photo)?\s*/\s*[A-Z][^/()]{1,60}[)\]]?"
    r"|/\s*(?:ap|afp|reuters|getty images|epa)(?:\s*file)?\)?"
    r"|\bcredit\s*:\s*[^.:]{1,50})\s*\.?$",
    re.IGNORECASE,
)
FOOTER = re.compile(
    r"\ball rights reserved\b|\bregistered trademark\b|\bmay not be (?:published|reproduced)", re.IGNORECASE
)
ADVERTISEMENT = re.compile(
    r"^(?:advertisement|advertising|advert|ad|ads|sponsored(?: content)?|promoted(?: content)?|paid (?:post|content)"
    r"|partner content|story continues below(?: advertisement)?|continue reading below|scroll to continue"
    r"(?: with content)?)$",
    re.IGNORECASE,
)
READING_TIME = re.compile(
    r"\b\d+\s*(?:-\s*)?(?:min(?:ute)?s?|mins?)\.?\s+(?:read|listen|watch)\b", re.IGNORECASE
)
BYLINE = re.compile(
    r"^(?:by|written by|words by|story by|reporting by|author:?)\s*(?=[A-Z\u00C0-\u024F])"
    r"(?P<names>.+)$",
    re.IGNORECASE,
)
# What may follow a byline's names after a separator: a date, the outlet ("By Ana Lopez | 14 March").
BYLINE_TAIL = re.compile(r"\s+[|·•]\s.*$|\s+[—–-]\s+(?=.*\d).*$")
NAME_TOKEN = re.compile(
    r"^(?:[A-Z\u00C0-\u00DE][\w'’.\-]*|[A-Z]\.|and|&|de|van|von|der|da|di|la|le|bin|al|el)$"
)
CORRECTION = re.compile(
    r"^(?:correction|clarification|editor['’]s note|an earlier version of this)\b", re.IGNORECASE
)
# Headings that open a list of other stories or the page's tail.
END_MARKER = re.compile(
    r"^(?:related(?:\s+(?:content|posts?|articles?|stories|news|coverage|topics|reading|links))?"
    r"|read (?:more|also|next)|see also|also read|also on [\w.]+|more (?:from|on|in|about)\b.*"
    r"|more (?:stories|news|articles|coverage|headlines)|in other news|other news|elsewhere|you (?:may|might) also (?:like|enjoy)"
    r"|recommended(?: for you| stories| reading)?|most (?:read|popular|viewed|shared|watched)(?: (?:in|on|from|this) .{1,40})?"
    r"|trending(?: now| stories)?"
    r"|popular(?: now| stories)?|latest(?: news| stories| articles)?|top stories|editor['’]?s picks|what to read next"
    r"|don['’]t miss|must read|more like this|up next|keep reading|further reading|sponsored stories"
    r"|around the web|from our partners|tags?|topics?|filed under|categories|share|share this(?: article| story| page)?"
    r")$",
    re.IGNORECASE,
)
HARD_END_MARKER = re.compile(
    r"^(?:\d+\s+)?(?:comments?|leave a (?:comment|reply)|join the (?:conversation|discussion)|show comments"
    r"|view comments|post a comment|add a comment|about the author|about us)$",
    re.IGNORECASE,
)
# The heading of the readers' comments: the article is over ("34 responses to ...", "View Comments").
COMMENTS_START = re.compile(
    r"^\W*(?:\d+\s+)?(?:comments?|responses?|replies|reactions|leave a (?:comment|reply)"
    r"|join the (?:conversation|discussion)|(?:show|view|post a|add a) comments?"
    r"|(?:top rated|latest|reader|user|readers['’]?) comments?|comments? \(\d+\)"
    r"|\d+ (?:comments?|responses?|replies) (?:to|on)\b.*)\W*$",
    re.IGNORECASE,
)
# The heading of a section about the site, its owner or the author: "About Us", "About the BBC".
ABOUT_SECTION = re.compile(
    r"^(?:About|ABOUT|Sobre|SOBRE|Über|À propos de|Acerca de|Tentang)\s+(?:the\s+|o\s+|a\s+)?"
    r"[A-Z\u00C0-\u00DE][\w’'.\-]*(?:\s+[A-Z\u00C0-\u00DE][\w’'.\-]*){0,4}:?$"
)
# Where readers' comments begin, and the header of one comment ("jbaxt says:").
COMMENTS_CUE = re.compile(
    r"^\[?\s*\d+\s+(?:comments?|responses?|replies|reactions)\b|^(?:top rated |latest |reader )?comments?\b"
    r"|^\S+(?:\s\S+)?\s+(?:says|said|wrote|writes):$",
    re.IGNORECASE,
)
# "2 days ago", "32M ago", "10:18" (a video's length): labels on teasers of other stories.
RELATIVE_TIME = re.compile(
    r"\b\d+\s*(?:[smhd]|mins?|minutes?|hrs?|hours?|days?|weeks?|months?|years?)\s+ago\b"
    r"|^\d{1,2}:\d{2}(?::\d{2})?$",
    re.IGNORECASE,
)
DATELINE = re.compile(
    r"^(?P<place>[A-Z][A-Z.'’\-]+(?:\s+[A-Z][A-Z.'’\-]+){0,3}(?:,\s*[A-Z][\w.'’\-]*(?:\s+[A-Z][\w.'’\-]*){0,3}){0,2})"
    # the day, as wires set it between the place and their name: "PARIS, March 3 (Reuters) -"
    r"(?:,\s*(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)[a-z]*\.?\s+\d{1,2})?"
    r"\s*(?:\((?P<wire>[A-Z][\w.&\- ]{0,30}?)\)\s*)?(?:[—–]|-{1,2})\s*(?=\S)"
)
# Credits closing a wire story: "(Reporting by ...; Editing by ...)", "AP writers ... contributed."
CREDITS = re.compile(
    r"^\(?(?:additional )?(?:reporting|writing|editing|compiled|produced|research) by\b"
    r"|\b(?:writers?|reporters?|correspondents?)\b.{0,200}\bcontributed(?: to)?(?: this)?(?: report)?\.?\)?$",
    re.IGNORECASE,
)
WIRE_CREDIT = re.compile(r"\((?:reporting|additional reporting|writing) by [^)]*\)", re.IGNORECASE)
COPYRIGHT_OWNER = re.compile(
    r"(?:©|\(c\)|copyright)\s*(?:\d{4}(?:\s*[-–]\s*\d{4})?)?\s*(?P<owner>[A-Z][\w&'’\- ]{2,60}?)"
    r"\s*(?:\d{4}\s*)?(?:\.|,|\||$|all rights reserved)"
)

# Dates stated in a line: ISO, numeric, and month-name forms.
MONTHS = (
    r"(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sep(?:t(?:ember)?)?"
    r"|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\.?"
)
FULL_DATE = re.compile(
    r"\b(?P<iso>\d{4}-\d{2}-\d{2})(?:[T ]\d{2}:\d{2}(?::\d{2})?)?"
    r"|\b(?P<numeric>\d{1,2}[./]\d{1,2}[./](?:\d{4}|\d{2}))\b"
    r"|\b(?P<mdy>" + MONTHS + r"\s+\d{1,2}(?:st|nd|rd|th)?,?\s+\d{4})\b"
    r"|\b(?P<dmy>\d{1,2}(?:st|nd|rd|th)?\s+(?:of\s+)?" + MONTHS + r",?\s+\d{4})\b",
    re.IGNORECASE,
)
DATE_LABEL = re.compile(
    r"^(?:published|updated|posted|last updated|modified|date|first published|created)\b", re.IGNORECASE
)

# Words of the page's controls: menus, share bars, language switchers, loaders.
UI_WORDS = frozenset(
    """
    home news menu search share shares shared this article story page comments comment close button
    print email e-mail mail tweet facebook twitter x whatsapp linkedin reddit pinterest telegram
    flipboard copy link links url save saved bookmark bookmarks follow us on subscribe subscribed
    subscription sign in up out log login logout register account my profile newsletter newsletters
    events event podcasts podcast videos video live watch listen audio loader loading load more show
    less hide skip to content main navigation nav accessibility shortcuts shortcut go next previous prev
    back top eng en esp es fr de ru ua it pt pl english español espanol français francais deutsch
    русский українська language languages edition editions toggle open expand collapse view all gallery
    photos images slideshow play pause mute unmute cookie cookies accept reject settings preferences
    privacy policy terms contact about advertise careers help faq sitemap rss feed feeds app apps
    download donate support patreon membership member members join read later font size text dark mode
    light trending popular latest sections section topics tags tag world politics business tech
    technology science health sport sports culture opinion lifestyle entertainment travel weather
    features reviews columns gaming cars local national international economy markets europe asia africa
    americas uk au the and of shop store deals games puzzles crossword quizzes quiz sudoku obituaries
    classifieds jobs magazine subscribers subscriber today now breaking home page pages listen watch
    more
    """.split()
)
# Words of a reader appeal: donations, newsletters, ad blockers, corrections, cookies.
APPEAL_WORDS = frozenset(
    """
    support donate donation donations subscribe subscription subscriptions newsletter newsletters patron
    patrons patreon membership member members join contribute contribution sign adblock adblocker
    blocker blockers whitelist disable disabling cookies cookie correction corrections clarification
    suggest suggestions highlight ctrl press click tap inbox register community readers reader
    journalism independent funding fund paywall premium unlock trial free account funded sponsor
    sponsors advertising
    """.split()
)
# Verbs that open a call to action: "Get ... delivered", "Sign up for ...", "Click here to ...".
CTA_VERBS = frozenset("get sign subscribe click download follow listen join register tap start watch".split())
# Words that sell a site's own channels and offers: a call to action with two of these is an appeal.
PROMO_WORDS = APPEAL_WORDS | frozenset(
    """
    delivered alerts newsletter newsletters app apps issues inbox here free email daily weekly
    subscribers today podcast unsubscribe spam facebook twitter instagram youtube linkedin whatsapp
    telegram tiktok
    """.split()
)
# Where a call to action may open: the line's start or a new sentence inside it.
CTA_OPENING = re.compile(r"(?:^|[.!?]\s+)(\w+)")
YOU_WORDS = frozenset(
    """
    you your yours you're you’re you've you’ve we our ours us we're we’re
    """.split()
)
STOPWORDS = frozenset(
    """
    a about above after again against all also am an and any are as at be because been before being
    below between both but by can could did do does doing down during each few for from further had has
    have having he her here hers him his how i if in into is it its itself just may me might more most
    much must my no nor not now of off on once only or other our out over own said same says she should
    since so some such than that the their them then there these they this those through to too under
    until up upon very was we were what when where which while who whom why will with would yet you your
    """.split()
)
# Last words of outlet names ("Euromaidan Press", "The Valley Ledger", "Kyiv Independent").
MEDIA_WORDS = frozenset(
    """
    press news times post daily journal herald tribune gazette telegraph guardian chronicle observer
    independent standard express mail review today insider wire report radio tv television network media
    magazine weekly ledger monitor star sun bulletin courier dispatch examiner record register sentinel
    inquirer globe agency reporter voice week world digest mirror dispatches online journalism truth
    pravda ilbo shimbun
    """.split()
)
