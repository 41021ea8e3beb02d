//! The register's contacts part (`lotsen_api::register::contacts`): a young
//! person's contact log and logging an attempt, the letter to print, the
//! "to contact" list and the signed-in staff member's worklist.

use lotsen_api::register::contacts::{
    ContactEntry, ContactLetterPrint, ContactLog, NewContact, ToContactPage, Worklist,
};

use crate::api::{Api, ApiError};

/// How many rows of "to contact" one page asks for.
pub const TO_CONTACT_PAGE_SIZE: i64 = 100;

impl Api {
    /// `GET /register/people/{id}/contacts`: the contact log (audited).
    pub async fn register_contacts(self, youth_id: i64) -> Result<ContactLog, ApiError> {
        self.read(format!("/register/people/{youth_id}/contacts"))
            .await
    }

    /// `POST /register/people/{id}/contacts`: logs an attempt made by the caller.
    pub async fn log_register_contact(
        self,
        youth_id: i64,
        request: NewContact,
    ) -> Result<ContactEntry, ApiError> {
        self.post(&format!("/register/people/{youth_id}/contacts"), &request)
            .await
    }

    /// `GET /register/people/{id}/letter`: the letter to print (audited).
    pub async fn register_letter(self, youth_id: i64) -> Result<ContactLetterPrint, ApiError> {
        self.read(format!("/register/people/{youth_id}/letter"))
            .await
    }

    /// `GET /register/to-contact`: the first page of "to contact" (officers and administrators).
    pub async fn register_to_contact(self) -> Result<ToContactPage, ApiError> {
        self.read(format!(
            "/register/to-contact?offset=0&limit={TO_CONTACT_PAGE_SIZE}"
        ))
        .await
    }

    /// `GET /register/worklist`: the caller's work for today.
    pub async fn register_worklist(self) -> Result<Worklist, ApiError> {
        self.get("/register/worklist").await
    }
}
