// XFS/: the filesystem (fs/xfs/xfs_iomap.c, xfs_aops.c, xfs_bmap_util.c, xfs_file.c, xfs_iops.c, xfs_error.c):
// `XfsMount`, `XfsInode` (forks, on-disk size, ILOCK) and, as its extensions, XFS's ops tables and callbacks
// (`xfs_buffered_write_iomap_ops`, `xfs_read_iomap_ops`, `xfs_seek_iomap_ops`, `xfs_iomap_page_ops`,
// `xfs_writeback_ops` with `XfsWritepageCtx`, `xfs_address_space_operations`) and entry points (the file
// operations `Machine` dispatches to). Calls Iomap/, PageCache/, ExtentMap/, BlockDevice/, Core/ and the runtime
// seam; the generic code calls back into XFS only through the tables XFS hands it.
