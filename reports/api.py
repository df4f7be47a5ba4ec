"""Read-only JSON API (placeholder, replaced by the API layer)."""

from django.http import JsonResponse


def search(request):
    return JsonResponse({"error": "not implemented"}, status=501)


def report_detail(request, pk):
    return JsonResponse({"error": "not implemented"}, status=501)


def courts(request):
    return JsonResponse([], safe=False)
