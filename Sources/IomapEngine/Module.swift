// IomapEngine: the kernel model (Docs/design.md). One folder per layer; a folder calls only the folders below it
// in this list, and reaches the layers above it only through the ops tables it is given:
//
//   Runtime/      the facade (`Machine`) and the runtime seam's implementations: may call every folder
//   XFS/          fs/xfs: the filesystem's callbacks, ops tables and entry points: Iomap, PageCache, ExtentMap,
//                 BlockDevice, Core, and the runtime seam
//   Iomap/        fs/iomap: the generic iomap iterator and buffered IO: PageCache, BlockDevice, Core, the seam
//   PageCache/    mm + the VFS inode: folios, the address space, filemap: Core and the seam
//   ExtentMap/    XFS's incore extent lists and free space (storage only): Core
//   BlockDevice/  the block layer: Core
//   Core/         values every layer shares: nothing
//
// The runtime seam is the `KernelRuntime` protocol (Runtime/KernelRuntime.swift); model code names only it.
