"""What patients read: topics, articles, FAQs, safety items, the glossary and their pages."""
