print("clerk")
