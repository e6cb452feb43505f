"""The forum's outcome as documents an organiser can file."""
