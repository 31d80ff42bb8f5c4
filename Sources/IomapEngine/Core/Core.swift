// Core/: the values every layer shares: `Geometry` (block, page and folio sizes), `ByteRange`, `Errno`,
// `Patch`/`PatchSet` (the series switches), rounding and size formatting, one binary search. Calls no other
// folder.
