//! Reading inputs into documents (filled in below).
