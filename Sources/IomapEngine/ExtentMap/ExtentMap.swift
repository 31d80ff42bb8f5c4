// ExtentMap/: XFS's storage half (fs/xfs/libxfs/xfs_iext_tree.c, the free-space side of xfs_bmap.c):
// `Extent`, `InodeFork` (sorted extents and `if_seq`), `BlockAllocator` (free space, delalloc reservations).
// Never blocks and never traces. Calls only Core/.
