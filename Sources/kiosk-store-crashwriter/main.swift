import KioskStore
print("x")
