//! The register's people part (`lotsen_api::register::people`): the list,
//! entries, adding by hand, registering again and deregistering, importing a
//! file, and the officer permission.

use gloo_net::http::Request;
use lotsen_api::register::people::{
    Entry, EntryPage, ImportReport, NewDeregistration, NewEntry, NewRegistration, OfficerChange,
    OfficerStatus, Period, StatusFilter,
};

use crate::api::{Api, ApiError};

/// How many entries one page of the register holds.
pub const PAGE_SIZE: u32 = 50;

/// The filter's name in the query string.
pub fn status_name(status: StatusFilter) -> &'static str {
    match status {
        StatusFilter::Open => "open",
        StatusFilter::Closed => "closed",
        StatusFilter::All => "all",
    }
}

impl Api {
    /// `GET /register/people`: a page of the register (each listed audited).
    pub async fn register_list(
        self,
        status: StatusFilter,
        offset: u32,
    ) -> Result<EntryPage, ApiError> {
        let status = status_name(status);
        self.read(format!(
            "/register/people?status={status}&offset={offset}&limit={PAGE_SIZE}"
        ))
        .await
    }

    /// `GET /register/people/{id}`: a young person's entry (audited).
    pub async fn register_entry(self, youth_id: i64) -> Result<Entry, ApiError> {
        self.read(format!("/register/people/{youth_id}")).await
    }

    /// `POST /register/people`: adds a young person by hand and registers them.
    pub async fn add_register_entry(self, request: NewEntry) -> Result<Entry, ApiError> {
        self.post("/register/people", &request).await
    }

    /// `POST /register/people/{id}/registrations`: a new period.
    pub async fn register_again(
        self,
        youth_id: i64,
        request: NewRegistration,
    ) -> Result<Period, ApiError> {
        self.post(
            &format!("/register/people/{youth_id}/registrations"),
            &request,
        )
        .await
    }

    /// `POST /register/people/{id}/deregistration`: ends the open period.
    pub async fn deregister(
        self,
        youth_id: i64,
        request: NewDeregistration,
    ) -> Result<Period, ApiError> {
        self.post(
            &format!("/register/people/{youth_id}/deregistration"),
            &request,
        )
        .await
    }

    /// `POST /register/imports/preview` (`write` false: writes nothing) or
    /// `POST /register/imports` (`write` true): the file's bytes as `text/csv`.
    pub async fn register_import(
        self,
        file: Vec<u8>,
        write: bool,
    ) -> Result<ImportReport, ApiError> {
        let path = if write {
            "/register/imports"
        } else {
            "/register/imports/preview"
        };
        let body = js_sys::Uint8Array::from(file.as_slice());
        let request = self
            .prepare(Request::post(&self.url(path)))
            .header("Content-Type", "text/csv")
            .body(body);
        let answer = self.send(request).await?;
        self.decode(answer)
    }

    /// `PUT /register/officers/{staff_id}`: gives or takes the officer permission.
    pub async fn set_register_officer(
        self,
        staff_id: i64,
        officer: bool,
    ) -> Result<OfficerStatus, ApiError> {
        self.put(
            &format!("/register/officers/{staff_id}"),
            &OfficerChange { officer },
        )
        .await
    }
}
