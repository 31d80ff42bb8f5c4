// PageCache/: the generic mm layer and the VFS inode it hangs off (mm/filemap.c, mm/truncate.c,
// mm/readahead.c, include/linux/pagemap.h, include/linux/fs.h): `Folio`, `AddressSpace` (the folios, lock-free
// look-ups, `a_ops`), `Inode`, and the sleeping mm functions as `Inode` extensions (folio locks, `filemap_read`,
// `filemap_fault`, readahead, `filemap_write_and_wait_range`, `folio_wait_writeback`, the locked
// `truncate_pagecache_range` and `mapping_seek_hole_data`). Calls Core/ and the runtime seam (`KernelRuntime`);
// reaches the filesystem only through `mapping.a_ops`.
