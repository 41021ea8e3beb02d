-- The language an account last signed in with (`sv` or `en`, from the app's
-- Accept-Language), so that messages to it (e-mail, later SMS) are written in
-- it. NULL until the first sign-in: such messages carry both languages.
ALTER TABLE accounts ADD COLUMN language TEXT CHECK (language IN ('sv', 'en'));
