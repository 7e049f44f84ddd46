-- [P6] Handschu: investigations involving political activity are the Intelligence Division's,
-- each under a written authorization of a kind the Revised Handschu Guidelines name.
CREATE TABLE investigation_authorization (
  number text PRIMARY KEY,
  kind text NOT NULL CHECK (kind IN ('PRELIMINARY_INQUIRY', 'FULL_INVESTIGATION', 'TERRORISM_ENTERPRISE_INVESTIGATION')),
  command text NOT NULL,
  opened_on date NOT NULL,
  expires_on date NOT NULL CHECK (expires_on >= opened_on),
  approved_by text NOT NULL
);

-- [P15] an agency whose mission includes immigration enforcement is refused whoever asks for it.
ALTER TABLE directory_user ADD COLUMN agency_immigration_enforcement boolean NOT NULL DEFAULT false;
