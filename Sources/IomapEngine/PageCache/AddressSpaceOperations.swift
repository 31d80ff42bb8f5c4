// MARK: - AddressSpaceOperations

/// `struct address_space_operations`: the filesystem's page cache callbacks the generic mm code calls.
///
/// Set by the filesystem when it sets the inode up (`xfs_setup_iops`: `inode->i_mapping->a_ops =
/// &xfs_address_space_operations`). Only the callbacks the model exercises are here.
public struct AddressSpaceOperations {
    /// The kernel symbol of the table (`xfs_address_space_operations`).
    public var name: String
    /// `->read_folio(file, folio)`: fill the locked folio from disk; the folio stays locked; 0 or `-errno`.
    var read_folio: (_ inode: Inode, _ folio: Folio) -> Int
    /// `->readahead(rac)`: read a run of new, locked, adjacent folios; 0 or `-errno`.
    var readahead: (_ inode: Inode, _ folios: [Folio]) -> Int
    /// `->writepages(mapping, wbc)` for `WB_SYNC_ALL` over `[lstart, lend]` (`lend` inclusive); 0 or `-errno`.
    var writepages: (_ inode: Inode, _ lstart: Int, _ lend: Int) -> Int
    /// `->release_folio(folio, gfp)`: drop the folio's private data if it can; false if not (nil: none, releases).
    var release_folio: ((_ inode: Inode, _ folio: Folio) -> Bool)? = nil
}
