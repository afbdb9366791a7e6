"""The admin home's panels: their names (the page's headings and the e-mails say the same) and how
many rows each shows. Each panel shows a count and its first few rows, with a "view all" link to
the filtered list that holds exactly its items."""

AWAITING_REVIEW = "Drafts awaiting review"  # a medical reviewer's queue
YOUR_DRAFTS = "Your drafts"  # an editor's own open drafts and new items in review
REVIEW_DUE = "Medical review due"
GO_LIVE = "Before you go live"
ROWS = 5  # rows shown per panel: the whole home fits about two screens at 1280 × 800


def on_home_page(panel):
    return f"“{panel}” on the admin home page"
