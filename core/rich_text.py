"""What rich text editors offer, in two sets that every page type chooses from by name, so a
change (a new feature, one taken away) is made once."""

# Pages written by staff: headings, lists, links and documents.
CONTENT_FEATURES = ["h2", "h3", "bold", "italic", "ol", "ul", "link", "document-link"]

# Short texts (introductions, what organisations write about themselves): no headings, no
# documents.
SHORT_FEATURES = ["bold", "italic", "ol", "ul", "link"]
