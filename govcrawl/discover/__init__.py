"""Discover stage: find annual-report columns, list pages, report links and
attachments. Pure functions over URLs and page text; spiders/ turns them into
Scrapy requests."""
