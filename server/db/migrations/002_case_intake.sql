-- Case intake (issue 3): Open311 clients may send a photo link with a request.
ALTER TABLE cases ADD COLUMN media_url text CHECK (length(media_url) <= 1000);
