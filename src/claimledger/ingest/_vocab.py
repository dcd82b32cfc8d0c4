"""Words and phrases of site chrome, in several languages.

This is data, kept apart from the rules in `clean.py` that use it (as spaCy
keeps stop words and tokenizer exceptions under `lang/`). Everything here is
casefolded, with typographic apostrophes written as "'". Add a language by
adding its phrases; the rules need no change.

Only words that are UI on their own belong here: a line is chrome when it is
made of these phrases and nothing else, so a word like "share" is safe here
(a real sentence has other words around it).
"""

from __future__ import annotations

# Whole-line call-to-action and navigation labels. A line made only of these
# (plus symbols, counters and separators) is chrome.
UI_PHRASES: tuple[str, ...] = (
    # English
    "subscribe", "subscribe now", "subscribed", "unsubscribe", "sign up", "sign in",
    "log in", "login", "log out", "logout", "register", "my account", "account",
    "follow", "follow us", "following", "share", "share this", "share this article",
    "share this story", "share on", "shares", "tweet", "email", "e-mail", "print",
    "copy link", "link copied", "copied", "comment", "comments", "leave a comment",
    "leave a reply", "reply", "cancel reply", "post comment", "submit", "send",
    "read more", "read next", "read also", "also read", "continue reading",
    "see more", "see all", "show more", "view more", "view all", "load more",
    "more", "more articles", "more news", "more stories", "more from", "next",
    "previous", "next article", "previous article", "next post", "previous post",
    "related", "related articles", "related posts", "related news", "related stories",
    "related topics", "recommended", "recommended for you", "you may also like",
    "you might also like", "most read", "most popular", "popular", "trending",
    "latest", "latest news", "top stories", "featured", "editor's picks",
    "don't miss", "back to top", "scroll to top", "to top", "top", "button",
    "skip to content", "skip to main content", "skip", "advertisement", "advertising",
    "sponsored", "sponsored content", "ad", "ads", "menu", "main menu", "search",
    "home", "homepage", "close", "open", "toggle", "navigation", "newsletter",
    "newsletters", "cookies", "cookie settings", "accept", "accept all", "reject all",
    "privacy", "privacy policy", "terms of use", "terms of service", "contact",
    "contact us", "about us", "all rights reserved", "news", "watch", "listen",
    "video", "videos", "photo", "photos", "gallery", "tags", "topics", "click here",
    "facebook", "twitter", "whatsapp", "telegram", "linkedin", "reddit",
    "pinterest", "flipboard", "instagram", "youtube", "google news", "rss",
    # German
    "abonnieren", "jetzt abonnieren", "abonnement", "anmelden", "einloggen",
    "abmelden", "registrieren", "teilen", "artikel teilen", "drucken",
    "kommentar", "kommentare", "kommentieren", "weiterlesen", "mehr lesen", "mehr",
    "mehr zum thema", "lesen sie auch", "lesen sie mehr", "auch interessant",
    "das könnte sie auch interessieren", "ähnliche artikel", "ähnliche beiträge",
    "verwandte artikel", "weitere artikel", "weitere nachrichten", "empfehlungen",
    "meistgelesen", "meistgelesene artikel", "nach oben", "zurück nach oben",
    "zum inhalt springen", "anzeige", "werbung", "suche", "startseite", "schließen",
    "datenschutz", "impressum", "alle akzeptieren", "folgen sie uns", "nachrichten",
    "schlagwörter", "themen",
    # French
    "s'abonner", "abonnez-vous", "je m'abonne", "se connecter", "connexion",
    "déconnexion", "s'inscrire", "partager", "partager cet article", "imprimer",
    "commentaire", "commentaires", "commenter", "lire la suite", "lire plus",
    "lire aussi", "à lire aussi", "a lire aussi", "voir aussi", "voir plus",
    "articles similaires", "articles liés", "sur le même sujet", "les plus lus",
    "retour en haut", "haut de page", "aller au contenu", "publicité", "rechercher",
    "accueil", "fermer", "mentions légales", "tout accepter", "suivez-nous",
    "actualités", "à la une",
    # Spanish
    "suscríbete", "suscribete", "suscribirse", "suscribirme", "iniciar sesión",
    "registrarse", "regístrate", "compartir", "comparte", "imprimir", "comentario",
    "comentarios", "comentar", "leer más", "sigue leyendo", "lee también",
    "lea también", "ver también", "ver más", "artículos relacionados",
    "noticias relacionadas", "te puede interesar", "lo más leído", "más leídas",
    "volver arriba", "ir al contenido", "publicidad", "buscar", "inicio", "cerrar",
    "aceptar", "síguenos", "noticias", "etiquetas", "temas", "destacados",
    # Italian and Portuguese
    "iscriviti", "abbonati", "condividi", "leggi anche", "leggi di più",
    "articoli correlati", "pubblicità", "assine", "assinar", "compartilhar",
    "leia também", "leia mais", "notícias relacionadas", "publicidade",
    # Turkish
    "abone ol", "abone olun", "giriş yap", "üye ol", "kayıt ol", "paylaş",
    "paylaşın", "yazdır", "yorum", "yorumlar", "yorum yap", "yorum yaz",
    "devamını oku", "devamı", "daha fazla", "ilgili haberler", "ilgili içerikler",
    "benzer haberler", "bunlar da ilginizi çekebilir", "en çok okunanlar",
    "yukarı çık", "başa dön", "reklam", "ara", "ana sayfa", "anasayfa", "kapat",
    "öne çıkan", "öne çıkanlar", "bizi takip edin", "haberler", "etiketler",
    "konular", "tümü",
)

# Labels that put a link to another story on a line: "Read next: <headline>".
LINK_LABELS: tuple[str, ...] = (
    # English
    "read next", "read more", "read also", "also read", "see also", "related",
    "related article", "related story", "related news", "related coverage", "more",
    "more on this", "more on this story", "recommended", "watch", "listen",
    "tags", "topics", "filed under",
    # German
    "lesen sie auch", "lesen sie mehr", "auch interessant", "mehr zum thema",
    "siehe auch", "das könnte sie auch interessieren", "schlagwörter", "themen",
    # French
    "lire aussi", "à lire aussi", "a lire aussi", "lire également", "voir aussi",
    "à voir aussi", "sur le même sujet", "mots-clés",
    # Spanish
    "lee también", "lea también", "te puede interesar", "ver también", "leer más",
    "relacionado", "relacionada", "noticia relacionada", "etiquetas", "temas",
    # Italian and Portuguese
    "leggi anche", "leia também", "leia mais", "veja também",
    # Turkish
    "ayrıca okuyun", "ayrıca bakınız", "ilgili haber", "bunu da okuyun",
    "devamını oku", "etiketler", "konular",
)

# Sentences that only a site's furniture says: comment forms, captcha,
# cookie, newsletter and copyright notices. Regular expressions over the
# casefolded line; each names a whole phrase, never a lone topic word, so an
# article *about* cookies or captchas keeps its lines.
NOTICE_PATTERNS: tuple[str, ...] = (
    # comment forms
    r"\b(please )?(enter|type|write|add) (your|a) (comment|name|e-?mail|email address|website|reply)\b",
    r"\byou have entered an incorrect (e-?mail|email address)",
    r"\bsave my name,? e-?mail",
    r"\byour e-?mail address will not be published",
    r"\brequired fields are marked",
    r"\b(log|sign) in to (comment|reply|leave a comment|post)",
    r"\byou must be logged in",
    r"\bcomments are closed",
    r"\bbe the first to comment",
    r"\bbitte geben sie (ihren|ihre|einen|eine) (kommentar|namen|e-mail)",
    r"\bihre e-mail-adresse wird nicht veröffentlicht",
    r"\b(erforderliche felder|pflichtfelder) sind mit",
    r"\bveuillez (saisir|entrer|indiquer) votre (commentaire|nom|adresse)",
    r"\bvotre adresse (e-?mail|de messagerie|électronique) ne sera pas publiée",
    r"\bles champs obligatoires sont (indiqués|marqués)",
    r"\bpor favor,? (ingrese|introduzca|escriba|ingresa|introduce|escribe) (su|tu) (comentario|nombre|correo)",
    r"\b(tu|su) (dirección de )?correo( electrónico)? no (será|se) publica",
    r"\blos campos obligatorios están marcados",
    r"\blütfen (yorumunuzu|adınızı|isminizi|e-posta adresinizi)",
    r"\be-posta (adresiniz|hesabınız) yayımlanmayacak|\be-posta (adresiniz|hesabınız) yayınlanmayacak",
    r"\bgerekli alanlar .*işaretlen",
    # captcha and scripts
    r"\bre?captcha (verification|check)",
    r"\bplease reload the page\b",
    r"\bi'm not a robot\b",
    r"\b(please )?enable javascript\b|\bjavascript is (disabled|required|not enabled)",
    # cookies
    r"\b(we|this (web)?site) uses? cookies\b",
    r"\bby (continuing to use|using) (this|our) (web)?site\b",
    r"\baccept (all )?cookies\b|\bcookie (policy|settings|preferences)\b",
    r"\bwir verwenden cookies\b|\bdiese (web)?seite verwendet cookies\b",
    r"\bnous utilisons des cookies\b|\bce site utilise des cookies\b",
    r"\b(utilizamos|usamos) cookies\b|\beste sitio (web )?utiliza cookies\b",
    r"\bçerez(ler)? (kullanıyoruz|kullanmaktadır|politikası)",
    # newsletters
    r"\b(sign up|subscribe) (for|to) (our|the) ([\w'-]+ ){0,3}newsletter",
    r"\bget the latest ([\w'-]+ ){0,3}(delivered )?(to|in) your inbox",
    r"\bmelden sie sich (jetzt )?für (unseren|den) newsletter an",
    r"\binscrivez-vous à (notre|la) newsletter",
    r"\bsuscríbete a (nuestro|nuestra|el|la) (boletín|newsletter)",
    r"\b(bültenimize|e-bültenimize) abone ol",
    # copyright
    r"\ball rights reserved\b|\balle rechte vorbehalten\b|\btous droits réservés\b",
    r"\btodos los derechos reservados\b|\btüm hakları saklıdır\b",
    r"^(copyright )?© ?(\d{4})?|^copyright \d{4}",
)

# Staff bios and reporting credits: recognised only among the last lines.
CREDIT_PATTERNS: tuple[str, ...] = (
    r"\b(staff|team|desk|newsroom)\b.* (is|are) an? (team|group) of (journalists|reporters|editors|writers|correspondents)",
    r"^[\w .'-]{2,60} is an? (staff|senior staff|contributing) (writer|reporter|correspondent|editor)\b",
    r"\bist ein team (von|aus) (journalisten|journalistinnen|redakteuren)",
    r"\best une équipe de journalistes\b",
    r"\bes un equipo de periodistas\b",
    r"\bgazetecilerden oluşan bir ekip",
    r"^\(?(additional )?(reporting|writing|editing|research) by\b",
    r"\bcontributed (to )?(this )?report(ing)?\b",
    r"^(source|quelle|fuente|kaynak|text|foto|photo|fotoğraf|crédit) ?: ?[^ ]+( [^ ]+){0,3}$",
)

# Short words that say nothing about a line's topic; left out when asking
# whether a label line shares vocabulary with the article.
STOP_WORDS: frozenset[str] = frozenset(
    (
        "the and for with from that this are was were has have had not but you your our "
        "der die das und von mit für ist ein eine den dem des auf sie "
        "les des une pour par avec est sur dans que qui aux "
        "los las del con por para una que est son "
        "bir ile için olan gibi daha çok"
    ).split()
)
