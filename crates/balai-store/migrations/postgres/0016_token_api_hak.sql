-- API tokens end: new ones last a chosen number of days (older ones keep no end until revoked,
-- and the token list says so). A token may take Dukcapil's steps on civil registration
-- applications only when made for that (a write token alone no longer can).
ALTER TABLE token_api ADD COLUMN kedaluwarsa TIMESTAMPTZ;
ALTER TABLE token_api ADD COLUMN dukcapil BOOLEAN NOT NULL DEFAULT FALSE;
