print("iomapspec: under construction")
