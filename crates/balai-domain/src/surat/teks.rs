//! Indonesian dates, Roman months and masked names as printed on letters.
