-- When each key was last presented (or its signed-in session used), to the minute: the keys list
-- shows it, so that an unused key can be told apart and revoked.
ALTER TABLE api_keys ADD COLUMN last_used_at TIMESTAMPTZ;
